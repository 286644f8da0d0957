"""Sample rows of lists in Russian and Azerbaijani, written for these tests."""

HEADERS_RU = ["№", "Фамилия", "Имя", "Отчество", "Пол", "Год рождения", "Дата гибели", "Статус"]
ROWS_RU = [
    ["1", "Иванов", "Иван", "Иванович", "М", "1960", "26.02.1992", "погиб"],
    ["2", "Петрова", "Анна", "Сергеевна", "Ж", "1962", "весна 1992", "пропала без вести"],
]
HEADERS_AZ = ["Sıra", "Soyadı", "Adı", "Ata adı", "Cinsi", "Doğum ili", "Həlak olma tarixi"]
ROWS_AZ = [
    ["1", "Məmmədov", "Əli", "Həsən oğlu", "kişi", "1960", "26.02.1992"],
    ["2", "Əliyeva", "Gülşən", "Rəşid qızı", "qadın", "~1970", "fevral 1992"],
]


def csv_text(headers: list[str], rows: list[list[str]], delimiter: str = ";") -> str:
    return "\n".join(delimiter.join(cells) for cells in [headers, *rows]) + "\n"
