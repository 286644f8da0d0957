"""Toll on lists it was not built around: an independent generator, run through the CLI.

    .venv/bin/python bench/unseen.py --seed 11 --persons 3000
    .venv/bin/python bench/unseen.py --seeds 11 12 13 --persons 3000 --report /tmp/unseen
    .venv/bin/python bench/unseen.py --seed 11 --src /tmp/older/src  # another version

This file does not import toll.synth (nor any toll module): its name tables, spellings,
headers, formats and noise are its own, chosen to differ from the lists Toll was built
around. For every seed it writes k = 3..5 overlapping lists and a truth file, then runs
what a user runs, each a subprocess on a fresh store:

    toll import FILE --json    (each list)
    toll link --json
    toll export records --format csv

and prints one JSON line: pairwise precision, recall and F1 of person_id against the
truth, seconds, records, import warnings and unrecognised columns, and the blocking
recall (share of true pairs that Toll's blocking rules compare at all: what the model
could find at best). Only that last figure reads Toll's code (in a subprocess, after the
run), to apply its blocking rules to the store. With --report DIR it
also writes the missed and the wrong pairs (with the people's truth) for reading.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

TOLL = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "toll"

# --------------------------------------------------------------------------- name tables
# Each entry: renderings separated by "|"; alternatives within one rendering by "/".
# az: Azerbaijani Latin | Russian Cyrillic | English Latin (passport, press)
AZ_MALE = """Əli|Али|Ali
Həsən|Гасан|Hasan/Gasan
Rauf|Рауф|Rauf
Elnur|Эльнур|Elnur
Tural|Турал|Tural
Anar|Анар|Anar
Kamran|Камран|Kamran
Ramil|Рамиль|Ramil
Namiq|Намик|Namig/Namik
Fuad|Фуад|Fuad
Zaur|Заур|Zaur
Elvin|Эльвин|Elvin
Rəşad|Рашад|Rashad
Səbuhi|Сабухи|Sabuhi
Şahmar|Шахмар|Shahmar
Əbülfəz|Абульфаз|Abulfaz
Natiq|Натик|Natig/Natik
Mübariz|Мубариз|Mubariz
Xaqani|Хагани|Khagani
Çingiz|Чингиз|Chingiz
Vaqif|Вагиф|Vagif
İlham|Ильхам|Ilham
Əsgər|Аскер|Asgar/Asker
Qəzənfər|Газанфар|Gazanfar
Yaşar|Яшар|Yashar
Məhərrəm|Магеррам|Maharram/Magerram
Nizami|Низами|Nizami
Səfər|Сафар|Safar
Bəxtiyar|Бахтияр|Bakhtiyar
Arif|Ариф|Arif""".splitlines()
AZ_FEMALE = """Aynur|Айнур|Aynur
Səadət|Саадат|Saadat
Gülnar|Гюльнар|Gulnar
Xanım|Ханум|Khanim
Nərgiz|Наргиз|Nargiz
Şəlalə|Шалала|Shalala
Zərifə|Зарифа|Zarifa
Sevil|Севиль|Sevil
Aytən|Айтен|Ayten
Təranə|Терана|Tarana
Günay|Гюнай|Gunay
Mehriban|Мехрибан|Mehriban
Ofelya|Офелия|Ofelya
Pərvin|Парвин|Parvin
Solmaz|Солмаз|Solmaz""".splitlines()
# family names, male form; the female form adds a to -ov/-ev/-in
AZ_FAMILY = """Məmmədov|Мамедов|Mammadov/Mamedov
Əliyev|Алиев|Aliyev/Aliev
Həsənov|Гасанов|Hasanov/Gasanov
Quliyev|Кулиев|Guliyev/Kuliev
Rzayev|Рзаев|Rzayev
Cəfərov|Джафаров|Jafarov/Djafarov
Bağırov|Багиров|Bagirov
Abbasov|Аббасов|Abbasov
Qasımov|Касумов|Gasimov/Kasumov
Orucov|Оруджев|Orujov/Orudzhev
Səfərov|Сафаров|Safarov
Əsədov|Асадов|Asadov
Kərimov|Керимов|Karimov/Kerimov
İsmayılov|Исмаилов|Ismayilov/Ismailov
Nağıyev|Нагиев|Nagiyev/Nagiev
Vəliyev|Велиев|Valiyev/Veliev
Hacıyev|Гаджиев|Hajiyev/Gadzhiev
Hüseynli|Гусейнли|Huseynli
Süleymanlı|Сулейманлы|Suleymanli
Nəsirov|Насиров|Nasirov
Tağıyev|Тагиев|Taghiyev/Tagiev
Şükürov|Шукюров|Shukurov
Əhmədov|Ахмедов|Ahmadov/Akhmedov
Mustafayev|Мустафаев|Mustafayev
Zeynalov|Зейналов|Zeynalov""".splitlines()

# ru: Russian Cyrillic given names, with the father-form stem (+ич / +на)
RU_MALE = """Иван|Иванов
Сергей|Сергеев
Дмитрий|Дмитриев
Алексей|Алексеев
Николай|Николаев
Михаил|Михайлов
Павел|Павлов
Андрей|Андреев
Владимир|Владимиров
Юрий|Юрьев
Евгений|Евгеньев
Григорий|Григорьев
Степан|Степанов
Роман|Романов
Кирилл|Кириллов
Егор|Егоров
Антон|Антонов
Матвей|Матвеев
Тимофей|Тимофеев
Виктор|Викторов""".splitlines()
RU_FEMALE = """Анна Мария Ольга Елена Наталья Татьяна Ксения Дарья Софья Евгения Людмила Валентина
Ирина Вера Любовь Надежда Юлия Алёна""".split()
RU_FAMILY = """Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров
Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев
Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев
Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин
Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов""".split()

# uk: Ukrainian Cyrillic | the Russian form | Ukrainian father form | Russian father form
UK_MALE = """Олександр|Александр|Олександрович|Александрович
Сергій|Сергей|Сергійович|Сергеевич
Андрій|Андрей|Андрійович|Андреевич
Микола|Николай|Миколайович|Николаевич
Михайло|Михаил|Михайлович|Михайлович
Олексій|Алексей|Олексійович|Алексеевич
Юрій|Юрий|Юрійович|Юрьевич
Василь|Василий|Васильович|Васильевич
Петро|Пётр|Петрович|Петрович
Іван|Иван|Іванович|Иванович
Богдан|Богдан|Богданович|Богданович
Тарас|Тарас|Тарасович|Тарасович
Остап|Остап|Остапович|Остапович
Григорій|Григорий|Григорович|Григорьевич
Володимир|Владимир|Володимирович|Владимирович
Дмитро|Дмитрий|Дмитрович|Дмитриевич
Віталій|Виталий|Віталійович|Витальевич
Євген|Евгений|Євгенович|Евгеньевич""".splitlines()
UK_FEMALE = """Олена|Елена
Оксана|Оксана
Наталія|Наталья
Ганна|Анна
Ірина|Ирина
Тетяна|Татьяна
Марія|Мария
Галина|Галина
Людмила|Людмила
Катерина|Екатерина
Юлія|Юлия
Світлана|Светлана
Олександра|Александра
Вікторія|Виктория""".splitlines()
UK_FAMILY = """Шевченко|Шевченко
Ковальчук|Ковальчук
Бондаренко|Бондаренко
Ткаченко|Ткаченко
Мельник|Мельник
Кравченко|Кравченко
Олійник|Олейник
Лисенко|Лысенко
Гнатюк|Гнатюк
Петренко|Петренко
Коваленко|Коваленко
Савчук|Савчук
Мороз|Мороз
Руденко|Руденко
Грищенко|Грищенко
Гончаренко|Гончаренко
Поліщук|Полищук
Литвиненко|Литвиненко
Кириленко|Кириленко
Павлюк|Павлюк
Дячук|Дьячук
Марченко|Марченко""".splitlines()

# hy: Armenian script | Latin (Armenian-based/alternatives) | Russian Cyrillic | Latin from Russian
HY_MALE = """Հովհաննես|Hovhannes|Ованес|Ovanes/Oganes
Արամ|Aram|Арам|Aram
Արմեն|Armen|Армен|Armen
Գագիկ|Gagik|Гагик|Gagik
Տիգրան|Tigran|Тигран|Tigran
Վարդան|Vardan|Вардан|Vardan
Աշոտ|Ashot|Ашот|Ashot
Կարեն|Karen|Карен|Karen
Սուրեն|Suren|Сурен|Suren
Ռուբեն|Ruben|Рубен|Ruben
Արթուր|Artur|Артур|Artur
Սամվել|Samvel|Самвел|Samvel
Խաչիկ|Khachik|Хачик|Khachik
Նարեկ|Narek|Нарек|Narek
Վահե|Vahe|Ваге|Vage
Սերգեյ|Sergey|Сергей|Sergei
Հրաչ|Hrach|Грач|Grach
Մհեր|Mher|Мгер|Mger""".splitlines()
HY_FEMALE = """Անի|Ani|Ани|Ani
Լուսինե|Lusine|Лусине|Lusine
Գայանե|Gayane|Гаяне|Gayane
Նունե|Nune|Нуне|Nune
Մարինե|Marine|Марине|Marine
Արմինե|Armine|Армине|Armine
Սիրանուշ|Siranush|Сирануш|Siranush
Հասմիկ|Hasmik|Асмик|Asmik
Անահիտ|Anahit|Анаит|Anait
Ռուզաննա|Ruzanna|Рузанна|Ruzanna""".splitlines()
HY_FAMILY = """Հովհաննիսյան|Hovhannisyan/Hovannisyan|Оганесян/Ованнисян|Oganesyan/Ovannisyan
Պետրոսյան|Petrosyan/Petrosian|Петросян|Petrosyan
Սարգսյան|Sargsyan/Sarkisian|Саркисян|Sarkisyan
Գրիգորյան|Grigoryan/Grigorian|Григорян|Grigoryan
Հարությունյան|Harutyunyan|Арутюнян|Arutyunyan
Ավետիսյան|Avetisyan|Аветисян|Avetisyan
Կարապետյան|Karapetyan|Карапетян|Karapetyan
Խաչատրյան|Khachatryan|Хачатрян|Khachatryan
Մկրտչյան|Mkrtchyan|Мкртчян|Mkrtchyan
Վարդանյան|Vardanyan|Варданян|Vardanyan
Ղազարյան|Ghazaryan|Казарян|Kazaryan
Հակոբյան|Hakobyan|Акопян|Akopyan
Մանուկյան|Manukyan|Манукян|Manukyan
Ստեփանյան|Stepanyan|Степанян|Stepanyan
Բաղդասարյան|Baghdasaryan|Багдасарян|Bagdasaryan
Դավթյան|Davtyan|Давтян|Davtyan""".splitlines()

# ka: Georgian script | Latin | Russian Cyrillic
KA_MALE = """გიორგი|Giorgi|Георгий
დავით|Davit|Давид
ნიკოლოზ|Nikoloz|Николоз
ლევან|Levan|Леван
ზურაბ|Zurab|Зураб
ირაკლი|Irakli|Ираклий
გოჩა|Gocha|Гоча
თამაზ|Tamaz|Тамаз
მერაბ|Merab|Мераб
ვახტანგ|Vakhtang|Вахтанг
ლაშა|Lasha|Лаша
შოთა|Shota|Шота""".splitlines()
KA_FEMALE = """ნინო|Nino|Нино
თამარ|Tamar|Тамара
ეკატერინე|Ekaterine|Екатерина
მანანა|Manana|Манана
ნათია|Natia|Натия
ქეთევან|Ketevan|Кетеван
მარიამ|Mariam|Мариам
ლია|Lia|Лия""".splitlines()
KA_FAMILY = """ბერიძე|Beridze|Беридзе
კაპანაძე|Kapanadze|Капанадзе
გელაშვილი|Gelashvili|Гелашвили
მაისურაძე|Maisuradze|Майсурадзе
ლომიძე|Lomidze|Ломидзе
ჯაფარიძე|Japaridze/Djaparidze|Джапаридзе
ხუციშვილი|Khutsishvili|Хуцишвили
წიკლაური|Tsiklauri|Циклаури
კვარაცხელია|Kvaratskhelia|Кварацхелия
გოგოლაძე|Gogoladze|Гоголадзе
ჩხეიძე|Chkheidze|Чхеидзе
ტაბატაძე|Tabatadze|Табатадзе""".splitlines()

# ar: Arabic script | Latin | Russian Cyrillic
AR_MALE = """محمد|Mohammed/Muhammad/Mohamed|Мухаммед
أحمد|Ahmed/Ahmad|Ахмед
علي|Ali|Али
حسن|Hassan/Hasan|Хасан
حسين|Hussein/Husayn|Хусейн
خالد|Khaled/Khalid|Халед
عمر|Omar/Umar|Омар
يوسف|Youssef/Yusuf|Юсуф
إبراهيم|Ibrahim|Ибрагим
محمود|Mahmoud/Mahmud|Махмуд
سعيد|Said/Saeed|Саид
طارق|Tariq/Tarek|Тарик
مصطفى|Mustafa/Moustafa|Мустафа
عبد الله|Abdullah/Abdallah|Абдулла
حمزة|Hamza|Хамза
وليد|Walid/Waleed|Валид
ياسر|Yasser/Yasir|Ясир
جمال|Jamal|Джамаль
رامي|Rami|Рами
باسل|Basel/Basil|Басель
ماهر|Maher|Махер
عماد|Imad/Emad|Имад""".splitlines()
AR_FEMALE = """فاطمة|Fatima/Fatma|Фатима
مريم|Maryam/Mariam|Марьям
عائشة|Aisha/Aysha|Аиша
زينب|Zainab/Zeinab|Зейнаб
نور|Nour/Noor|Нур
هدى|Huda/Hoda|Худа
سارة|Sara/Sarah|Сара
رنا|Rana|Рана
ليلى|Layla/Leila|Лейла
سلمى|Salma|Сальма
أمل|Amal|Амаль
أسماء|Asmaa/Asma|Асма""".splitlines()
AR_FAMILY = """الخطيب|al-Khatib/Al Khatib/Khatib|аль-Хатиб
المصري|al-Masri/El Masry|аль-Масри
حداد|Haddad|Хаддад
النجار|al-Najjar/Alnajjar|ан-Наджар
الحلبي|al-Halabi|аль-Халаби
عيسى|Issa|Исса
قاسم|Qasem/Kassem|Касем
شاهين|Shaheen/Shahin|Шахин
حمدان|Hamdan|Хамдан
الزعبي|al-Zoubi/Al Zubi|аз-Зуби
البكري|al-Bakri|аль-Бакри
عودة|Odeh/Audeh|Оде
الشامي|al-Shami/Elshami|аш-Шами
درويش|Darwish/Darwich|Дарвиш""".splitlines()

# places: native | Russian | Latin (alternatives by /)
PLACES = {
    "az": """Ağdam|Агдам|Agdam/Aghdam
Xocalı|Ходжалы|Khojaly/Khojali
Gəncə|Гянджа|Ganja/Gyandzha
Şuşa|Шуша|Shusha
Tərtər|Тертер|Terter/Tartar
Füzuli|Физули|Fuzuli
Qubadlı|Губадлы|Gubadly
Kəlbəcər|Кельбаджар|Kalbajar
Bərdə|Барда|Barda
Beyləqan|Бейлаган|Beylagan
Ağcabədi|Агджабеди|Aghjabadi/Agdzhabedi
Quzanlı|Кузанлы|Guzanli
Qaradağlı|Карадаглы|Garadaghli/Karadagly
Əhmədbəyli|Ахмедбейли|Ahmadbeyli""",
    "hy": """Ստեփանակերտ|Степанакерт|Stepanakert
Մարտունի|Мартуни|Martuni
Երևան|Ереван|Yerevan/Erevan
Գորիս|Горис|Goris
Ջերմուկ|Джермук|Jermuk
Վարդենիս|Варденис|Vardenis
Սիսիան|Сисиан|Sisian
Հադրութ|Гадрут|Hadrut""",
    "ka": """ცხინვალი|Цхинвали|Tskhinvali
გორი|Гори|Gori
ერგნეთი|Эргнети|Ergneti
ქურთა|Курта|Kurta
თამარაშენი|Тамарашени|Tamarasheni
კარალეთი|Каралети|Karaleti""",
    "uk": """Харків|Харьков|Kharkiv/Kharkov
Ізюм|Изюм|Izium/Izyum
Бахмут|Бахмут|Bakhmut
Маріуполь|Мариуполь|Mariupol
Гостомель|Гостомель|Hostomel
Ірпінь|Ирпень|Irpin
Чернігів|Чернигов|Chernihiv/Chernigov
Миколаїв|Николаев|Mykolaiv/Nikolaev
Запоріжжя|Запорожье|Zaporizhzhia/Zaporozhye
Краматорськ|Краматорск|Kramatorsk
Охтирка|Ахтырка|Okhtyrka/Akhtyrka
Волноваха|Волноваха|Volnovakha""",
    "ar": """حلب|Алеппо|Aleppo/Halab
حمص|Хомс|Homs
دوما|Дума|Douma/Duma
داريا|Дарайя|Daraya/Darayya
إدلب|Идлиб|Idlib
الرقة|Ракка|Raqqa
خان شيخون|Хан-Шейхун|Khan Shaykhun/Khan Sheikhoun
سراقب|Саракиб|Saraqib""",
}
PLACES["ru"] = PLACES["uk"]
REGIONS = {
    "az": ("Qarabağ|Карабах|Karabakh", "Aran|Аран|Aran"),
    "hy": ("Սյունիք|Сюник|Syunik", "Արցախ|Арцах|Artsakh"),
    "ka": ("შიდა ქართლი|Шида-Картли|Shida Kartli",),
    "uk": (
        "Донецька область|Донецкая область|Donetsk Oblast",
        "Харківська область|Харьковская область|Kharkiv Oblast",
    ),
    "ar": ("ريف دمشق|Риф-Дамаск|Rif Dimashq", "محافظة حلب|провинция Алеппо|Aleppo Governorate"),
}
REGIONS["ru"] = REGIONS["uk"]
YEARS = {
    "az": (1991, 1994),
    "hy": (1991, 1994),
    "ka": (2008, 2008),
    "uk": (2022, 2023),
    "ru": (2022, 2023),
    "ar": (2012, 2016),
}
COMMUNITY_WEIGHTS = {"az": 0.3, "hy": 0.15, "ka": 0.1, "uk": 0.2, "ru": 0.1, "ar": 0.15}
TABLES = {
    "az": (AZ_MALE, AZ_FEMALE, AZ_FAMILY),
    "hy": (HY_MALE, HY_FEMALE, HY_FAMILY),
    "ka": (KA_MALE, KA_FEMALE, KA_FAMILY),
    "uk": (UK_MALE, UK_FEMALE, UK_FAMILY),
    "ar": (AR_MALE, AR_FEMALE, AR_FAMILY),
}

# --------------------------------------------------------------------------- Cyrillic to Latin
# Two romanisations of Russian (press/BGN-like and passport 2013) and the Ukrainian
# national one; written here, independent of Toll's tables.
_RU_PRESS = dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziyklmnoprstufye", strict=True)) | {
    "ё": "yo",
    "ж": "zh",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ь": "",
    "ю": "yu",
    "я": "ya",
}
_RU_PASSPORT = _RU_PRESS | {"ё": "e", "й": "i", "ы": "y", "э": "e", "ю": "iu", "я": "ia", "ъ": "ie"}
_UK_NATIONAL = dict(zip("абвгґдезийклмнопрстуфі", "abvhgdezyiklmnoprstufi", strict=True)) | {
    "є": "ie",
    "ж": "zh",
    "ї": "i",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "'": "",
    "’": "",
}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def romanise(text: str, system: str) -> str:
    """Cyrillic in Latin letters by one of: ru_press, ru_passport, uk_national."""
    table = {"ru_press": _RU_PRESS, "ru_passport": _RU_PASSPORT, "uk_national": _UK_NATIONAL}[
        system
    ]
    out = []
    for i, char in enumerate(text):
        lower = char.lower()
        start = i == 0 or not text[i - 1].isalpha()
        if system == "uk_national" and start and lower in _UK_INITIAL:
            latin = _UK_INITIAL[lower]
        elif (
            system == "ru_press"
            and lower == "е"
            and (start or text[i - 1].lower() in "аеёиоуыэюяьъ")
        ):
            latin = "ye"
        else:
            latin = table.get(lower, lower)
        out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


# --------------------------------------------------------------------------- people
@dataclass
class Person:
    pid: str
    community: str
    sex: str
    given: dict[str, str]  # rendering -> spelling
    family: dict[str, str]
    father: dict[str, str]  # patronymic renderings (already formed)
    birth: dt.date
    death: dt.date
    place: tuple[str, str, str]
    region: tuple[str, str, str] | None
    status: str
    household: str
    siblings: list[str] = field(default_factory=list)


def _pick(rng: random.Random, text: str) -> str:
    return rng.choice(text.split("/"))


def _female_family(name: str, community: str) -> str:
    if community in ("az", "ru") and name.endswith(("ov", "ev", "in", "ов", "ев", "ин", "ёв")):
        return name + ("a" if name[-1].isascii() else "а")
    if community == "ru" and name.endswith("ий"):
        return name[:-2] + "ая"
    return name


def _rendered_name(entry: str, community: str, rng: random.Random, sex: str, part: str):
    """Spellings of one name by rendering: native, ru (Cyrillic), lat (Latin), lat2."""
    cells = entry.split("|")
    if community == "az":
        out = {
            "native": cells[0],
            "ru": cells[1],
            "lat": _pick(rng, cells[2]),
            "lat2": cells[2].split("/")[-1],
        }
    elif community == "hy":
        out = {
            "native": cells[0],
            "ru": _pick(rng, cells[2]),
            "lat": _pick(rng, cells[1]),
            "lat2": _pick(rng, cells[3]),
        }
    elif community in ("ka", "ar"):
        out = {
            "native": cells[0],
            "ru": cells[2],
            "lat": _pick(rng, cells[1]),
            "lat2": cells[1].split("/")[-1],
        }
    else:  # uk: Ukrainian Cyrillic | Russian Cyrillic
        out = {
            "native": cells[0],
            "ru": cells[1],
            "lat": romanise(cells[0], "uk_national"),
            "lat2": romanise(cells[1], rng.choice(["ru_press", "ru_passport"])),
        }
    if part == "family" and sex == "f":
        out = {key: _female_family(value, community) for key, value in out.items()}
    return out


def _ru_name(given: str, family: str, sex: str):
    out = {
        "native": given,
        "ru": given,
        "lat": romanise(given, "ru_press"),
        "lat2": romanise(given, "ru_passport"),
    }
    fam = _female_family(family, "ru") if sex == "f" else family
    fam_out = {
        "native": fam,
        "ru": fam,
        "lat": romanise(fam, "ru_press"),
        "lat2": romanise(fam, "ru_passport"),
    }
    return out, fam_out


def _patronymic(community: str, father_entry: str, sex: str) -> dict[str, str]:
    """The patronymic of a child of `father_entry`, by rendering."""
    cells = father_entry.split("|")
    if community == "az":
        word = {"m": ("oğlu", "оглы", "oglu", "ogly"), "f": ("qızı", "кызы", "gizi", "kyzy")}[sex]
        russian = cells[1] + ("ович" if sex == "m" else "овна")
        return {
            "native": f"{cells[0]} {word[0]}",
            "ru": f"{cells[1]} {word[1]}",
            "ru_suffix": russian,
            "lat": f"{cells[2].split('/')[0]} {word[2]}",
            "lat2": f"{cells[2].split('/')[-1]} {word[3]}",
        }
    if community == "ru":
        stem = cells[1]
        ru = stem + ("ич" if sex == "m" else "на")
        return {
            "native": ru,
            "ru": ru,
            "lat": romanise(ru, "ru_press"),
            "lat2": romanise(ru, "ru_passport"),
        }
    if community == "uk":
        uk, ru = cells[2], cells[3]
        if sex == "f":
            uk = uk.replace("йович", "ївна").replace("ович", "івна")
            ru = ru.replace("ьевич", "ьевна").replace("евич", "евна").replace("ович", "овна")
        return {
            "native": uk,
            "ru": ru,
            "lat": romanise(uk, "uk_national"),
            "lat2": romanise(ru, "ru_passport"),
        }
    # hy, ka, ar: the father's given name as written; Russian lists add -ович/-овна
    native = cells[0]
    ru = cells[2] if community != "hy" else cells[2].split("/")[0]
    lat = cells[1].split("/")[0]
    russian = ru + ("ович" if sex == "m" else "овна")
    if ru.endswith(("й", "и")):
        russian = ru[:-1] + ("евич" if sex == "m" else "евна")
    return {
        "native": native,
        "ru": ru,
        "ru_suffix": russian,
        "lat": lat,
        "lat2": (cells[3] if community == "hy" else cells[1]).split("/")[-1],
    }


def _random_date(rng: random.Random, first: int, last: int) -> dt.date:
    start = dt.date(first, 1, 1).toordinal()
    end = dt.date(last, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


# --hard: what real lists have and the plain generator lacks (issue 16)
HARD = False
ZIPF = 1.1  # name frequencies by rank: the commonest names repeat hundreds of times


def _choose(rng: random.Random, pool: list[str]) -> str:
    """A name from a table: uniform, or Zipf-distributed by table order with --hard."""
    if not HARD:
        return rng.choice(pool)
    return rng.choices(pool, weights=[1 / (rank + 1) ** ZIPF for rank in range(len(pool))])[0]


def _household_size(rng: random.Random) -> int:
    if HARD:
        return 1 if rng.random() < 0.6 else rng.randint(2, 8)
    return 1 if rng.random() < 0.82 else rng.choice([2, 2, 2, 3, 3, 4])


def make_people(count: int, rng: random.Random) -> list[Person]:
    people: list[Person] = []
    communities = list(COMMUNITY_WEIGHTS)
    while len(people) < count:
        community = rng.choices(communities, weights=list(COMMUNITY_WEIGHTS.values()))[0]
        household = f"H{len(people):06d}"
        size = _household_size(rng)
        first, last = YEARS[community]
        death = _random_date(rng, first, last)
        place_entry = rng.choice(PLACES[community].splitlines())
        region_entry = rng.choice(REGIONS[community]) if rng.random() < 0.7 else None
        status = rng.choices(["killed", "missing", "captured"], weights=[7, 2, 1])[0]
        if community == "ru":
            father_given, father_stem = _choose(rng, RU_MALE).split("|")
            family = _choose(rng, RU_FAMILY)
        else:
            male, female, families = TABLES[community]
            father_entry = _choose(rng, male)
            family = _choose(rng, families)
        used: set[str] = set()
        members = []
        twins = HARD and size >= 2 and rng.random() < 0.15
        for _ in range(size):
            sex = "m" if rng.random() < 0.7 else "f"
            pool = (
                (RU_MALE if sex == "m" else RU_FEMALE)
                if community == "ru"
                else TABLES[community][0 if sex == "m" else 1]
            )
            choices = [entry for entry in pool if entry not in used]
            if not choices:
                break
            entry = _choose(rng, choices)
            used.add(entry)
            if community == "ru":
                given_name = entry.split("|")[0]
                given, fam = _ru_name(given_name, family, sex)
                father = _patronymic("ru", f"{father_given}|{father_stem}", sex)
            else:
                given = _rendered_name(entry, community, rng, sex, "given")
                fam = _rendered_name(family, community, rng, sex, "family")
                father = _patronymic(community, father_entry, sex)
            age = rng.randint(1, 85) if size == 1 else rng.randint(3, 60)
            birth = death - dt.timedelta(days=int(age * 365.25) + rng.randint(0, 364))
            if twins and len(members) == 1:
                birth = members[0].birth  # twins: one birth date, one household
            pid = f"T{len(people) + len(members):06d}"
            members.append(
                Person(
                    pid,
                    community,
                    sex,
                    given,
                    fam,
                    father,
                    birth,
                    death,
                    tuple(place_entry.split("|")),
                    tuple(region_entry.split("|")) if region_entry else None,
                    status,
                    household,
                )
            )
        if HARD and len(members) >= 2 and rng.random() < 0.4:
            members.append(_father(members, community, rng, locals()))
        for member in members:
            member.siblings = [other.pid for other in members if other is not member]
        people.extend(members)
    return people[:count]


def _father(children: list[Person], community: str, rng: random.Random, facts: dict) -> Person:
    """The children's father in the same household: their patronymic is his given name,
    and he shares their family name, place and day, 20 to 35 years older than the eldest."""
    first = children[0]
    if community == "ru":
        given, family = _ru_name(facts["father_given"], facts["family"], "m")
        father = _patronymic("ru", _choose(rng, RU_MALE), "m")
    else:
        male = TABLES[community][0]
        given = _rendered_name(facts["father_entry"], community, rng, "m", "given")
        family = _rendered_name(facts["family"], community, rng, "m", "family")
        father = _patronymic(community, _choose(rng, male), "m")
    eldest = min(child.birth for child in children)
    birth = eldest - dt.timedelta(days=rng.randint(20 * 365, 35 * 365))
    pid = f"T{int(children[-1].pid[1:]) + 1:06d}"
    return Person(
        pid,
        community,
        "m",
        given,
        family,
        father,
        birth,
        first.death,
        first.place,
        first.region,
        first.status,
        first.household,
    )


# --------------------------------------------------------------------------- list styles
@dataclass
class Style:
    """How one list is written: language, layout, format and the noise in it."""

    language: str  # en, ru, az
    script: str  # "ru": all Cyrillic; "lat": all Latin; "native": each in its own script
    layout: str  # parts, full_fgp, full_gf, full_comma, initials
    age: str  # age, birth_year, dob, none
    date_format: str  # dmy_dot, iso, month_year, year, mdy_slash
    fmt: str  # csv_semicolon, tsv, csv_bom, utf16, cp1251, xlsx, ods, json
    region: bool
    sex: bool
    status: bool
    row_id: bool
    coverage: dict[str, float]
    typo: float
    blank: float


HEADERS = {
    "en": {
        "family": ["Surname", "Last name", "Family name"],
        "given": ["Given name", "First name", "Name"],
        "patronymic": ["Father's name", "Patronymic", "Middle name"],
        "full": ["Name", "Victim", "Full name", "Name of victim"],
        "age": ["Age at death", "Age", "Age (years)"],
        "birth_year": ["Year of birth", "Birth year", "YOB"],
        "dob": ["DOB", "Date of birth", "Born"],
        "date": ["Date of death", "Date of disappearance", "Date of incident", "Date"],
        "place": ["Village", "Place of death", "Location", "Place"],
        "region": ["Region", "District", "Province"],
        "sex": ["Sex", "Gender"],
        "status": ["Status", "Fate"],
        "row_id": ["No.", "ID", "#"],
        "extra": ["Notes", "Source", "Comment"],
    },
    "ru": {
        "family": ["Фамилия"],
        "given": ["Имя"],
        "patronymic": ["Отчество"],
        "full": ["Фамилия Имя Отчество", "ФИО", "Ф.И.О.", "Фамилия, имя, отчество"],
        "age": ["Возраст", "Возраст на момент гибели", "Полных лет"],
        "birth_year": ["Год рождения", "Г.р.", "Год рожд."],
        "dob": ["Дата рождения", "Дата рожд."],
        "date": ["Дата гибели", "Дата исчезновения", "Дата смерти"],
        "place": ["Населённый пункт", "Место гибели", "Село"],
        "region": ["Район", "Область", "Регион"],
        "sex": ["Пол"],
        "status": ["Статус", "Судьба"],
        "row_id": ["№", "№ п/п"],
        "extra": ["Примечание", "Источник"],
    },
    "az": {
        "family": ["Soyadı", "Soyad"],
        "given": ["Adı", "Ad"],
        "patronymic": ["Ata adı", "Atasının adı"],
        "full": ["Ad, soyad, ata adı", "Soyadı, adı, atasının adı", "Soyadı adı"],
        "age": ["Yaşı", "Yaş"],
        "birth_year": ["Doğum ili", "Təvəllüdü"],
        "dob": ["Doğum tarixi"],
        "date": ["Həlak olduğu tarix", "İtkin düşdüyü tarix", "Ölüm tarixi"],
        "place": ["Kənd", "Yaşayış məntəqəsi", "Həlak olduğu yer"],
        "region": ["Rayon", "Region"],
        "sex": ["Cinsi"],
        "status": ["Statusu", "Taleyi"],
        "row_id": ["Sıra №", "№"],
        "extra": ["Qeyd", "Mənbə"],
    },
}
SEX_WORDS = {"en": ("M", "F"), "ru": ("м", "ж"), "az": ("kişi", "qadın")}
STATUS_WORDS = {
    "en": {"killed": "killed", "missing": "missing", "captured": "captured"},
    "ru": {"killed": "погиб", "missing": "пропал без вести", "captured": "в плену"},
    "az": {"killed": "həlak olub", "missing": "itkin düşüb", "captured": "əsir"},
}
MONTHS = {
    "en": "January February March April May June July August September October November "
    "December".split(),
    "ru": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split(),
    "az": "yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr dekabr".split(),
}
FORMATS = ["csv_semicolon", "tsv", "csv_bom", "utf16", "cp1251", "xlsx", "ods", "json"]


def make_styles(k: int, rng: random.Random) -> list[Style]:
    formats = rng.sample(FORMATS, k)
    styles = []
    for fmt in formats:
        language = "ru" if fmt == "cp1251" else rng.choice(["en", "ru", "az"])
        if fmt == "cp1251" or (language == "ru" and rng.random() < 0.6):
            script = "ru"
        elif language == "az":
            script = rng.choice(["native", "lat"])
        else:
            script = rng.choice(["native", "lat", "ru"]) if language == "en" else "native"
        coverage = {c: rng.uniform(0.3, 0.8) for c in COMMUNITY_WEIGHTS}
        focus = rng.choice(list(COMMUNITY_WEIGHTS))
        coverage[focus] = min(0.95, coverage[focus] + 0.3)
        styles.append(
            Style(
                language=language,
                script=script,
                layout=rng.choice(
                    ["parts", "parts", "full_fgp", "full_gf", "full_comma", "initials"]
                ),
                age=rng.choice(["age", "birth_year", "dob", "none"]),
                date_format=rng.choice(["dmy_dot", "iso", "month_year", "year", "dmy_slash"]),
                fmt=fmt,
                region=rng.random() < 0.5,
                sex=rng.random() < 0.6,
                status=rng.random() < 0.6,
                row_id=rng.random() < 0.5,
                coverage=coverage,
                typo=rng.uniform(0.02, 0.08),
                blank=rng.uniform(0.02, 0.15 if HARD else 0.1),
            )
        )
    return styles


# --------------------------------------------------------------------------- writing rows
def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.choice(["drop", "swap", "double", "replace"])
    if kind == "drop":
        return text[:i] + text[i + 1 :]
    if kind == "swap":
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == "double":
        return text[:i] + text[i] + text[i:]
    vowels = "аоеиу" if "\u0400" <= text[i] <= "\u04ff" else "aoeiu"
    return text[:i] + rng.choice(vowels) + text[i + 1 :] if text[i].lower() in vowels else text


def _rendering(style: Style, person: Person, rng: random.Random) -> str:
    if style.script == "ru":
        return "ru"
    if style.script == "native":
        if person.community == "az" and style.language != "az" and rng.random() < 0.3:
            return "lat"
        return "native"
    return "lat" if rng.random() < 0.7 else "lat2"


def _name_cells(style: Style, person: Person, rng: random.Random) -> dict[str, str]:
    how = _rendering(style, person, rng)
    given, family = person.given[how], person.family[how]
    father = person.father.get(how, "")
    if how == "ru" and "ru_suffix" in person.father and rng.random() < 0.5:
        father = person.father["ru_suffix"]
    if rng.random() < style.typo:
        given = _typo(rng, given)
    if rng.random() < style.typo:
        family = _typo(rng, family)
    if rng.random() < 0.25 or (
        person.community in ("hy", "ka") and how == "lat" and rng.random() < 0.6
    ):
        father = ""
    layout = style.layout
    if layout == "parts":
        return {"family": family, "given": given, "patronymic": father}
    if layout == "initials":
        initials = given[0] + "." + (f" {father[0]}." if father else "")
        return {"full": f"{family} {initials}"}
    arabic = person.community == "ar"
    if layout == "full_fgp" and not arabic:
        text = " ".join(filter(None, [family, given, father]))
    elif layout == "full_comma" and not arabic:
        text = f"{family.upper() if rng.random() < 0.5 else family}, {given}"
        text += f" {father}" if father and rng.random() < 0.5 else ""
    else:  # given first; Arabic names always given, father, family
        text = " ".join(
            filter(None, [given, father if arabic or rng.random() < 0.3 else "", family])
        )
    return {"full": text}


def _date_text(style: Style, day: dt.date, rng: random.Random) -> str:
    fmt = style.date_format
    if rng.random() < 0.08:  # a partial date in any list
        fmt = rng.choice(["month_year", "year"])
    if HARD and day.day <= 12 and rng.random() < 0.04:  # day and month swapped by a clerk
        day = day.replace(month=day.day, day=day.month)
    if fmt == "dmy_dot":
        return day.strftime("%d.%m.%Y")
    if fmt == "dmy_slash":
        return f"{day.day}/{day.month}/{day.year}"
    if fmt == "iso":
        return day.isoformat()
    if fmt == "month_year":
        return f"{MONTHS[style.language][day.month - 1]} {day.year}"
    return str(day.year)


def _row(style: Style, person: Person, headers: dict[str, str], rng: random.Random):
    row: dict[str, str] = {}
    for part, text in _name_cells(style, person, rng).items():
        row[headers[part]] = text
    age_only = HARD and style.age != "none" and rng.random() < 0.1  # "about 40"
    if style.age == "age" or (age_only and "age" in headers):
        age = (
            person.death.year
            - person.birth.year
            - ((person.death.month, person.death.day) < (person.birth.month, person.birth.day))
        )
        row[headers["age"]] = str(age + rng.choice([0, 0, 0, 0, 1, -1]))
    elif style.age == "birth_year":
        year = person.birth.year + (rng.choice([-1, 1]) if rng.random() < 0.05 else 0)
        row[headers["birth_year"]] = str(year)
    elif style.age == "dob":
        row[headers["dob"]] = _date_text(style, person.birth, rng)
    row[headers["date"]] = _date_text(style, person.death, rng)
    index = {"native": 0, "ru": 1, "lat": 2}[
        "ru" if style.script == "ru" else ("native" if style.script == "native" else "lat")
    ]
    row[headers["place"]] = _pick(rng, person.place[index])
    if style.region:
        row[headers["region"]] = _pick(rng, person.region[index]) if person.region else ""
    if style.sex:
        row[headers["sex"]] = SEX_WORDS[style.language][person.sex == "f"]
    if style.status:
        row[headers["status"]] = STATUS_WORDS[style.language][person.status]
    for column in list(row):
        if column not in headers.values() or rng.random() >= style.blank:
            continue
        if column not in (headers.get("family"), headers.get("full"), headers.get("given")):
            row[column] = ""
    row[headers["extra"]] = rng.choice(["", "", "", "relative", "list 2019", "?"])
    return row


def _headers(style: Style, rng: random.Random) -> dict[str, str]:
    table = HEADERS[style.language]
    chosen = {key: rng.choice(options) for key, options in table.items()}
    if style.language == "en" and chosen["given"] == "Name" and style.layout != "parts":
        chosen["given"] = "Given name"
    return chosen


def write_list(path: Path, style: Style, rows: list[dict[str, str]], columns: list[str]):
    fmt = style.fmt
    if fmt in ("xlsx", "ods"):
        import pandas as pd

        frame = pd.DataFrame(rows, columns=columns).fillna("")
        frame.to_excel(path, index=False, engine="openpyxl" if fmt == "xlsx" else "odf")
        return
    if fmt == "json":
        path.write_text(
            json.dumps(
                [{c: r.get(c, "") for c in columns} for r in rows], ensure_ascii=False, indent=1
            ),
            encoding="utf-8",
        )
        return
    buffer = io.StringIO()
    delimiter = {"tsv": "\t", "csv_semicolon": ";"}.get(fmt, ",")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    text = buffer.getvalue()
    encoding = {"csv_bom": "utf-8-sig", "utf16": "utf-16", "cp1251": "cp1251"}.get(fmt, "utf-8")
    path.write_bytes(text.encode(encoding, errors="replace"))


EXTENSIONS = {
    "csv_semicolon": "csv",
    "tsv": "tsv",
    "csv_bom": "csv",
    "utf16": "csv",
    "cp1251": "csv",
    "xlsx": "xlsx",
    "ods": "ods",
    "json": "json",
}


def write_lists(folder: Path, persons: int, k: int, seed: int) -> tuple[list[Path], dict]:
    """Write k lists; returns their paths and truth {(file, row): person id}."""
    rng = random.Random(seed)
    people = make_people(persons, rng)
    styles = make_styles(k, rng)
    truth: dict[tuple[str, int], str] = {}
    paths = []
    for number, style in enumerate(styles, 1):
        headers = _headers(style, rng)
        chosen = [p for p in people if rng.random() < style.coverage[p.community]]
        rows, owners = [], []
        for person in chosen:
            rows.append(_row(style, person, headers, rng))
            owners.append(person.pid)
            if rng.random() < (0.06 if HARD else 0.03):  # the same person entered twice
                rows.append(_row(style, person, headers, rng))
                owners.append(person.pid)
        order = list(range(len(rows)))
        rng.shuffle(order)
        rows = [rows[i] for i in order]
        owners = [owners[i] for i in order]
        if style.row_id:
            for i, row in enumerate(rows, 1):
                row[headers["row_id"]] = str(i)
        columns = list(dict.fromkeys(c for row in rows for c in row))
        if style.row_id:
            columns.remove(headers["row_id"])
            columns.insert(0, headers["row_id"])
        path = folder / f"list{number}_{style.language}_{style.fmt}.{EXTENSIONS[style.fmt]}"
        write_list(path, style, rows, columns)
        paths.append(path)
        for i, owner in enumerate(owners, 1):
            truth[(path.name, i)] = owner
    info = {
        "people": {p.pid: p for p in people},
        "styles": {p.name: s for p, s in zip(paths, styles, strict=True)},
    }
    return paths, truth | {"_info": info}


# --------------------------------------------------------------------------- running Toll
SOURCE: str | None = None  # --src: run Toll from this source folder (to compare versions)


def _toll(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=SOURCE) if SOURCE else None
    command = [str(TOLL)] if TOLL.exists() else [sys.executable, "-m", "toll"]
    done = subprocess.run([*command, *args], capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise SystemExit(f"toll {' '.join(args)} failed: {done.stderr.strip()[-2000:]}")
    return done


BLOCKING_RECALL = """
import json, sys
from sqlalchemy import select
from toll.model import Record, Source
from toll.persons import blocking
from toll.persons.features import record_features
from toll.persons.register import records_frame
from toll.store import Store

truth = json.load(open(sys.argv[2], encoding="utf-8"))
with Store.open(sys.argv[1]).session() as session:
    records = records_frame(session).drop(columns="person_id")
    query = select(Record.id, Source.file_name, Record.row_number).join(Source)
    where = {str(i): f"{f}:{r}" for i, f, r in session.execute(query)}
features = record_features(records)
owners = [truth[where[r]] for r in records["record_id"]]
rules = blocking.rule_columns((), features)
share, pairs = blocking.recall(features, owners, rules)
print(json.dumps({"blocking_recall": round(share, 4), "blocking_rules": len(rules)}))
"""


def blocking_recall(db: str, truth: dict, folder: Path) -> dict:
    """Share of true pairs Toll's blocking rules compare, measured on the store after the run."""
    path = folder / "truth.json"
    path.write_text(json.dumps({f"{f}:{r}": p for (f, r), p in truth.items()}), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=SOURCE) if SOURCE else None
    command = [sys.executable, "-c", BLOCKING_RECALL, db, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        return {"blocking_recall": None, "blocking_error": done.stderr.strip()[-300:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def pairwise(predicted: dict, truth: dict) -> tuple[float, float, float, int, int, int]:
    """Precision, recall, F1 over record pairs; and true positive, predicted, true pairs."""
    cells = Counter((predicted[key], truth[key]) for key in truth)
    by_predicted = Counter(predicted[key] for key in truth)
    by_truth = Counter(truth.values())

    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    tp, pp, tt = pairs(cells), pairs(by_predicted), pairs(by_truth)
    precision = tp / pp if pp else 1.0
    recall = tp / tt if tt else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp, pp, tt


def run(seed: int, persons: int, k: int, report: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths, truth = write_lists(folder, persons, k, seed)
        info = truth.pop("_info")
        db = str(folder / "store.db")
        start = time.perf_counter()
        warnings, unrecognised, columns = 0, {}, {}
        for path in paths:
            done = _toll("import", str(path), "--db", db, "--json")
            result = json.loads(done.stdout)
            warnings += len(result.get("warnings") or [])
            columns[path.name] = result.get("columns")
            missing = [h for h, f in (result.get("columns") or {}).items() if f is None]
            if missing:
                unrecognised[path.name] = missing
        imported = time.perf_counter() - start
        _toll("link", "--db", db, "--json")
        exported = _toll("export", "records", "--format", "csv", "--db", db).stdout
        seconds = time.perf_counter() - start
        rows = list(csv.DictReader(io.StringIO(exported)))
        predicted = {(r["source_file"], int(r["row"])): r["person_id"] for r in rows}
        precision, recall, f1, tp, pp, tt = pairwise(predicted, truth)
        result = {
            "seed": seed,
            "persons": persons,
            "lists": k,
            "records": len(rows),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "seconds": round(seconds, 1),
            **blocking_recall(db, truth, folder),
            "import_seconds": round(imported, 1),
            "import_warnings": warnings,
            "unrecognised_columns": sum(len(v) for v in unrecognised.values()),
            "unrecognised": unrecognised,
            "formats": [p.name for p in paths],
        }
        if report is not None:
            _write_report(report / f"seed{seed}", rows, predicted, truth, info, columns, result)
        return result


def _write_report(folder: Path, rows, predicted, truth, info, columns, result) -> None:
    """Missed and wrong pairs, with the truth about the people, for reading."""
    folder.mkdir(parents=True, exist_ok=True)
    people = info["people"]
    by_key = {(r["source_file"], int(r["row"])): r for r in rows}
    shown = (
        "source_file",
        "row",
        "person_id",
        "full_name",
        "family_name",
        "given_name",
        "patronymic",
        "sex",
        "age",
        "birth_year",
        "event_date",
        "place",
    )

    def describe(key):
        r = by_key[key]
        return {c: r.get(c) for c in shown} | {"truth": truth[key]}

    missed, wrong = defaultdict(list), defaultdict(list)
    by_truth, by_pred = defaultdict(list), defaultdict(list)
    for key, pid in truth.items():
        by_truth[pid].append(key)
        by_pred[predicted[key]].append(key)
    for keys in by_truth.values():
        for a, b in combinations(keys, 2):
            if predicted[a] != predicted[b]:
                missed[people[truth[a]].community].append([describe(a), describe(b)])
    for keys in by_pred.values():
        for a, b in combinations(keys, 2):
            if truth[a] != truth[b]:
                sibling = truth[b] in people[truth[a]].siblings
                kind = "siblings" if sibling else "strangers"
                wrong[kind].append([describe(a), describe(b)])
    summary = {
        "result": result,
        "columns": columns,
        "missed_by_community": {c: len(v) for c, v in missed.items()},
        "wrong_by_kind": {c: len(v) for c, v in wrong.items()},
    }
    (folder / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    for name, table in (("missed", missed), ("wrong", wrong)):
        with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as out:
            for kind, pairs in table.items():
                for pair in pairs:
                    out.write(json.dumps({"kind": kind, "pair": pair}, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=None)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--persons", type=int, default=3000)
    parser.add_argument("--lists", type=int, default=None, help="3..5 (default: by seed)")
    parser.add_argument("--report", type=Path, default=None)
    parser.add_argument(
        "--hard",
        action="store_true",
        help="Zipf names, households of 2-8 with fathers, twins, age-only rows, "
        "day/month swaps, more duplicates and blanks (issue 16)",
    )
    parser.add_argument(
        "--write",
        type=Path,
        default=None,
        help="only write the lists and truth.csv into this folder",
    )
    parser.add_argument(
        "--src", default=None, help="run Toll from this src folder (e.g. an older version)"
    )
    args = parser.parse_args()
    global SOURCE, HARD
    SOURCE = args.src
    HARD = args.hard
    seeds = args.seeds or [args.seed]
    for seed in seeds:
        k = args.lists or 3 + seed % 3
        if args.write:
            args.write.mkdir(parents=True, exist_ok=True)
            paths, truth = write_lists(args.write, args.persons, k, seed)
            truth.pop("_info")
            with (args.write / "truth.csv").open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(["file", "row", "person"])
                writer.writerows([f, r, p] for (f, r), p in truth.items())
            print(json.dumps({"seed": seed, "files": [p.name for p in paths]}))
            continue
        print(json.dumps(run(seed, args.persons, k, args.report), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    sys.exit(main())
