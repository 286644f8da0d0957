"""The words of a fact sheet in English, Russian and Azerbaijani (`toll report --language`).

Headings, table headers, the names of categories, statuses and qualifiers, and the sentences
between tables are translated; the footnotes quote their sources as the sources wrote them and
describe them in English. A word without a translation is shown in English.
"""

LANGUAGES = ("en", "ru", "az")

_RU = {
    "Fact sheet": "Справка",
    "Every figure below is footnoted to the source it comes from.": (
        "Каждая цифра ниже снабжена сноской на свой источник."
    ),
    "Toll records who claimed what and sets the sources side by side; it endorses none of them.": (
        "Toll фиксирует, кто что заявил, и приводит источники рядом, не поддерживая ни один из них."
    ),
    "What the sources say": "Что сообщают источники",
    "Not attached to an incident": "Не привязано к инциденту",
    "These figures are attached to no incident of the store: they are set side by side by "
    "what they count and the year, and may count different events.": (
        "Эти цифры не привязаны ни к одному инциденту: они сопоставлены по тому, что и за какой "
        "год они считают, и могут относиться к разным событиям."
    ),
    "Part of": "Часть события:",
    "No source in the store states a figure for this scope.": (
        "Ни один источник не приводит цифр для этого охвата."
    ),
    "The sources' figures cannot all be right: they do not overlap.": (
        "Цифры источников не могут быть верны одновременно: они не пересекаются."
    ),
    "figure": "цифра",
    "as stated": "как указано",
    "publisher": "источник",
    "speaker": "кто говорит",
    "review": "проверка",
    "The register of persons": "Реестр лиц",
    "The register holds no linked records for this scope.": (
        "В реестре нет связанных записей для этого охвата."
    ),
    "status": "статус",
    "persons": "лиц",
    "By sex": "По полу",
    "By age group": "По возрастным группам",
    "Over time": "Во времени",
    "Persons in the register, by sex": "Лица в реестре по полу",
    "Persons in the register, by age group": "Лица в реестре по возрастным группам",
    "Persons in the register by month of the event": "Лица в реестре по месяцу события",
    "Estimates of the victims no list recorded": (
        "Оценки числа жертв, не попавших ни в один список"
    ),
    "Multiple systems estimation infers from how the lists overlap how many victims none of "
    "them recorded. Every method is shown with its interval; they rest on different "
    "assumptions, and none is endorsed over the others.": (
        "Оценка по нескольким системам (MSE) выводит из пересечения списков, сколько жертв не "
        "попало ни в один из них. Каждый метод показан со своим интервалом; методы опираются на "
        "разные допущения, и ни одному не отдаётся предпочтения."
    ),
    "method": "метод",
    "estimate": "оценка",
    "interval": "интервал",
    "Missing persons": "Пропавшие без вести",
    "cases": "дел",
    "Families": "Семьи",
    "count": "число",
    "families known": "известных семей",
    "families of which every known member was lost": (
        "семей, все известные члены которых погибли"
    ),
    "children who lost one parent": "детей, потерявших одного из родителей",
    "children who lost both parents": "детей, потерявших обоих родителей",
    "fewer than five": "менее пяти",
    "Sources and notes": "Источники и примечания",
    "Annex (restricted): the persons behind the register": (
        "Приложение (для служебного пользования): лица, стоящие за цифрами реестра"
    ),
    "person": "лицо",
    "name": "имя",
    # categories, subgroups, statuses, sexes, qualifiers, review states
    "killed": "убиты",
    "casualties": "потери",
    "injured": "ранены",
    "missing": "пропали без вести",
    "captured": "взяты в плен",
    "released": "освобождены",
    "tortured": "подвергнуты пыткам",
    "displaced": "перемещены",
    "orphaned": "осиротели",
    "families killed": "погибшие семьи",
    "bodies found": "найдены тела",
    "buildings destroyed": "разрушены здания",
    "buildings damaged": "повреждены здания",
    "children": "дети",
    "women": "женщины",
    "men": "мужчины",
    "elderly": "пожилые",
    "civilians": "мирные жители",
    "combatants": "комбатанты",
    "lost both parents": "потеряли обоих родителей",
    "lost one parent": "потеряли одного из родителей",
    "alive": "живы",
    "unknown": "неизвестно",
    "female": "женский",
    "male": "мужской",
    "exact": "точно",
    "at least": "не менее",
    "more than": "более",
    "at most": "не более",
    "less than": "менее",
    "approx": "около",
    "range": "диапазон",
    "vague": "неточно",
    "extracted": "извлечено",
    "confirmed": "подтверждено",
    "corrected": "исправлено",
    "reported": "заявлено",
    "fate unknown": "судьба неизвестна",
    "identified": "опознаны",
    "located alive": "найдены живыми",
    "year of the event": "год события",
    "month of the event": "месяц события",
    "sex": "пол",
    "age group": "возрастная группа",
}

_AZ = {
    "Fact sheet": "Məlumat vərəqəsi",
    "Every figure below is footnoted to the source it comes from.": (
        "Aşağıdakı hər rəqəm öz mənbəyinə istinadla verilib."
    ),
    "Toll records who claimed what and sets the sources side by side; it endorses none of them.": (
        "Toll kimin nə bildirdiyini qeyd edir və mənbələri yan-yana qoyur; heç birini təsdiqləmir."
    ),
    "What the sources say": "Mənbələr nə deyir",
    "Not attached to an incident": "Heç bir hadisəyə aid edilməyib",
    "These figures are attached to no incident of the store: they are set side by side by "
    "what they count and the year, and may count different events.": (
        "Bu rəqəmlər heç bir hadisəyə aid edilməyib: onlar nəyi və hansı ili saydıqlarına görə "
        "yan-yana qoyulub və fərqli hadisələrə aid ola bilər."
    ),
    "Part of": "Aid olduğu hadisə:",
    "No source in the store states a figure for this scope.": (
        "Bu əhatə üçün heç bir mənbə rəqəm vermir."
    ),
    "The sources' figures cannot all be right: they do not overlap.": (
        "Mənbələrin rəqəmləri eyni zamanda doğru ola bilməz: onlar üst-üstə düşmür."
    ),
    "figure": "rəqəm",
    "as stated": "necə deyilib",
    "publisher": "mənbə",
    "speaker": "danışan",
    "review": "yoxlama",
    "The register of persons": "Şəxslərin reyestri",
    "The register holds no linked records for this scope.": (
        "Reyestrdə bu əhatə üçün əlaqələndirilmiş qeyd yoxdur."
    ),
    "status": "status",
    "persons": "şəxs",
    "By sex": "Cinsə görə",
    "By age group": "Yaş qruplarına görə",
    "Over time": "Zamana görə",
    "Persons in the register, by sex": "Reyestrdəki şəxslər, cinsə görə",
    "Persons in the register, by age group": "Reyestrdəki şəxslər, yaş qruplarına görə",
    "Persons in the register by month of the event": "Reyestrdəki şəxslər, hadisənin ayına görə",
    "Estimates of the victims no list recorded": (
        "Heç bir siyahıya düşməyən qurbanların təxmini sayı"
    ),
    "Multiple systems estimation infers from how the lists overlap how many victims none of "
    "them recorded. Every method is shown with its interval; they rest on different "
    "assumptions, and none is endorsed over the others.": (
        "Çoxsistemli qiymətləndirmə (MSE) siyahıların üst-üstə düşməsindən heç bir siyahıya "
        "düşməyən qurbanların sayını çıxarır. Hər metod öz intervalı ilə göstərilir; metodlar "
        "fərqli fərziyyələrə əsaslanır və heç birinə üstünlük verilmir."
    ),
    "method": "metod",
    "estimate": "təxmin",
    "interval": "interval",
    "Missing persons": "İtkin düşmüş şəxslər",
    "cases": "iş",
    "Families": "Ailələr",
    "count": "say",
    "families known": "məlum ailələr",
    "families of which every known member was lost": "bütün məlum üzvləri həlak olmuş ailələr",
    "children who lost one parent": "valideynlərindən birini itirmiş uşaqlar",
    "children who lost both parents": "hər iki valideynini itirmiş uşaqlar",
    "fewer than five": "beşdən az",
    "Sources and notes": "Mənbələr və qeydlər",
    "Annex (restricted): the persons behind the register": (
        "Əlavə (xidməti istifadə üçün): reyestrin rəqəmləri arxasındakı şəxslər"
    ),
    "person": "şəxs",
    "name": "ad",
    "killed": "həlak olub",
    "casualties": "itkilər",
    "injured": "yaralanıb",
    "missing": "itkin düşüb",
    "captured": "əsir götürülüb",
    "released": "azad edilib",
    "tortured": "işgəncəyə məruz qalıb",
    "displaced": "köçkün düşüb",
    "orphaned": "yetim qalıb",
    "families killed": "həlak olmuş ailələr",
    "bodies found": "tapılmış cəsədlər",
    "buildings destroyed": "dağıdılmış binalar",
    "buildings damaged": "zədələnmiş binalar",
    "children": "uşaqlar",
    "women": "qadınlar",
    "men": "kişilər",
    "elderly": "yaşlılar",
    "civilians": "mülki şəxslər",
    "combatants": "döyüşçülər",
    "lost both parents": "hər iki valideynini itirib",
    "lost one parent": "valideynlərindən birini itirib",
    "alive": "sağdır",
    "unknown": "məlum deyil",
    "female": "qadın",
    "male": "kişi",
    "exact": "dəqiq",
    "at least": "ən azı",
    "more than": "-dən çox",
    "at most": "ən çoxu",
    "less than": "-dən az",
    "approx": "təxminən",
    "range": "aralıq",
    "vague": "qeyri-müəyyən",
    "extracted": "çıxarılıb",
    "confirmed": "təsdiqlənib",
    "corrected": "düzəldilib",
    "reported": "bildirilib",
    "fate unknown": "taleyi məlum deyil",
    "identified": "şəxsiyyəti müəyyən edilib",
    "located alive": "sağ tapılıb",
    "year of the event": "hadisənin ili",
    "month of the event": "hadisənin ayı",
    "sex": "cins",
    "age group": "yaş qrupu",
}

LABELS = {"ru": _RU, "az": _AZ}


def label(text: str, language: str = "en") -> str:
    """`text` in `language` (English when it has no translation)."""
    return LABELS.get(language, {}).get(text, text)
