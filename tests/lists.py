"""Small lists of our own: the same invented persons written by three different keepers.

One list in Azerbaijani Latin with "oğlu/qızı" patronymics, one in Russian Cyrillic with
-ович/-овна, one in English transliteration with a single full-name column.
"""

import csv
from pathlib import Path

# (az family, az given, az patronymic, ru family, ru given, ru patronymic, en full name,
#  sex, birth year, az place, ru place, en place)
PERSONS = [
    ("Məmmədov", "Əli", "Həsən oğlu", "Мамедов", "Али", "Гасанович", "Ali Mamedov", "m", 1961,
     "Xocalı", "Ходжалы", "Khojaly"),
    ("Əliyeva", "Səbinə", "Rəşid qızı", "Алиева", "Сабина", "Рашидовна", "Sabina Aliyeva", "f",
     1975, "Xocalı", "Ходжалы", "Khojaly"),
    ("Hüseynov", "Elçin", "Vaqif oğlu", "Гусейнов", "Эльчин", "Вагифович", "Elchin Huseynov", "m",
     1958, "Şuşa", "Шуша", "Shusha"),
    ("Quliyev", "Rauf", "Kamal oğlu", "Кулиев", "Рауф", "Камалович", "Rauf Guliyev", "m", 1980,
     "Gəncə", "Гянджа", "Ganja"),
    ("Nəsirova", "Aygün", "Tofiq qızı", "Насирова", "Айгюнь", "Тофиковна", "Aygun Nasirova", "f",
     1990, "Gəncə", "Гянджа", "Ganja"),
    ("İsmayılov", "Fərid", "Nazim oğlu", "Исмаилов", "Фарид", "Назимович", "Farid Ismayilov", "m",
     1969, "Ağdam", "Агдам", "Aghdam"),
    ("Kərimova", "Leyla", "Arif qızı", "Керимова", "Лейла", "Арифовна", "Leyla Karimova", "f",
     1984, "Şuşa", "Шуша", "Shusha"),
    ("Həsənov", "Tural", "Elşən oğlu", "Гасанов", "Турал", "Эльшанович", "Tural Hasanov", "m",
     1995, "Tərtər", "Тертер", "Tartar"),
    ("Babayev", "Orxan", "Rafiq oğlu", "Бабаев", "Орхан", "Рафикович", "Orkhan Babayev", "m",
     1972, "Füzuli", "Физули", "Fuzuli"),
    ("Cəfərova", "Nərmin", "Yaşar qızı", "Джафарова", "Нармин", "Яшаровна", "Narmin Jafarova",
     "f", 1988, "Bərdə", "Барда", "Barda"),
    ("Rzayev", "Vüsal", "Mübariz oğlu", "Рзаев", "Вюсал", "Мубаризович", "Vusal Rzayev", "m", 1965,
     "Ağdam", "Агдам", "Aghdam"),
    ("Səfərli", "Günay", "Ramiz qızı", "Сафарли", "Гюнай", "Рамизовна", "Gunay Safarli", "f",
     1999, "Tərtər", "Тертер", "Tartar"),
]


def write_az(path: Path, indexes) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Soyadı", "Adı", "Ata adı", "Cinsi", "Doğum ili", "Həlak olduğu yer",
                         "Vəziyyəti"])
        for i in indexes:
            p = PERSONS[i]
            writer.writerow([p[0], p[1], p[2], "kişi" if p[7] == "m" else "qadın", p[8], p[9],
                             "həlak olub"])
    return path


def write_ru(path: Path, indexes) -> Path:
    with path.open("w", encoding="cp1251", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Фамилия", "Имя", "Отчество", "Пол", "Год рождения", "Место гибели",
                         "Статус"])
        for i in indexes:
            p = PERSONS[i]
            writer.writerow([p[3], p[4], p[5], "М" if p[7] == "m" else "Ж", p[8], p[10], "погиб"])
    return path


def write_en(path: Path, indexes) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Full name", "Sex", "Year of birth", "Place of death", "Status"])
        for i in indexes:
            p = PERSONS[i]
            writer.writerow([p[6], "male" if p[7] == "m" else "female", p[8], p[11], "killed"])
    return path
