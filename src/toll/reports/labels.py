"""The words of a fact sheet in English, Russian and Azerbaijani (`toll report --language`).

Headings, table headers, the names of categories, statuses and qualifiers, and the sentences
between tables are translated, and so are the footnotes: they quote their sources as the
sources wrote them (titles, names, words) and describe them in the report's language. A
sentence with values is translated as a template (`Builder.f`) and filled after. A word without
a translation is shown in English.
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
    "families of which every known member was lost": ("семей, все известные члены которых погибли"),
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
    # footnotes
    "Counts from one to four are not shown in public reports, so that no person can "
    "be recognised from them; where a table's row total is shown elsewhere, a second "
    "count of a row with one hidden count is hidden too (the smallest), so that the "
    "hidden count cannot be worked out from the total (docs/methods/disclosure.md).": (
        "Числа от одного до четырёх в публичных справках не показываются, чтобы по ним "
        "нельзя было узнать человека; если итог строки таблицы приведён в другом месте, "
        "то в строке с одним скрытым числом скрывается и второе (наименьшее), чтобы "
        "скрытое число нельзя было вычислить из итога (docs/methods/disclosure.md)."
    ),
    "Made by Toll {version} on {when} UTC from the store; ": (
        "Составлено Toll {version} {when} UTC по данным хранилища; "
    ),
    "a public report: no personal data, counts under 5 suppressed.": (
        "публичная справка: без персональных данных, числа меньше 5 скрыты."
    ),
    "a restricted report: it names persons; do not publish it.": (
        "справка для служебного пользования: в ней названы люди; не публикуйте её."
    ),
    "Figures attached to one incident (by hand, by the incident their words name, or "
    "from an event dataset's row; automatic attachments only once a reviewer "
    "accepted them) are set side by side when they count the same thing: the same "
    "category and subgroup. Side by side is not the same: read each source's words.": (
        "Цифры, привязанные к одному инциденту (вручную, по инциденту, названному в их "
        "словах, или по строке набора данных о событиях; автоматические привязки — "
        "только после одобрения проверяющим), приводятся рядом, если считают одно и то "
        "же: одну категорию и подгруппу. Рядом — не значит одинаково: читайте слова "
        "каждого источника."
    ),
    "Figures attached to no incident are set side by side when they count the same "
    "thing: the same category and subgroup, in the same year of the incident (from "
    "the claim's words, else the source's date). They may count different events: "
    "read each source's words; `toll incident attach` attaches them to their "
    "incident.": (
        "Цифры, не привязанные ни к одному инциденту, приводятся рядом, если считают "
        "одно и то же: одну категорию и подгруппу в один и тот же год инцидента (по "
        "словам заявления, иначе по дате источника). Они могут относиться к разным "
        "событиям: читайте слова каждого источника; `toll incident attach` привязывает "
        "их к инциденту."
    ),
    "({earliest} to {latest})": ("(с {earliest} по {latest})"),
    "read from {file} (SHA-256 {sha256}), row {row}, event {event}": (
        "прочитано из {file} (SHA-256 {sha256}), строка {row}, событие {event}"
    ),
    "Incident {id} of the store: {title}": ("Инцидент {id} хранилища: {title}"),
    "also named {names}": ("также называется: {names}"),
    "at {place}": ("место: {place}"),
    "`toll reconcile --incident {id}` shows why its figures differ": (
        "`toll reconcile --incident {id}` показывает, почему его цифры расходятся"
    ),
    "file {file}, SHA-256 {sha256}": ("файл {file}, SHA-256 {sha256}"),
    "published {date}": ("опубликовано {date}"),
    "speaker {speaker}": ("говорит: {speaker}"),
    "claim {id} (the figure in the words “{words}”)": ("заявление {id} (цифра в словах «{words}»)"),
    "claim {id}": ("заявление {id}"),
    "Toll's register of persons: the records of {count} lists ({lists}) linked into "
    "persons, each person counted once per status their records give (a person whose "
    "records give two statuses counts under each)": (
        "Реестр лиц Toll: записи {count} списков ({lists}), связанные в лица; каждое "
        "лицо учтено один раз по каждому статусу, который дают его записи (лицо, чьи "
        "записи дают два статуса, учтено в обоих)"
    ),
    "Age at the event, in years: as the lists give it, else from the year of birth "
    "and the date of the event.": (
        "Возраст на момент события, в годах: как указано в списках, иначе по году "
        "рождения и дате события."
    ),
    "Estimate": ("Оценка"),
    "Stored estimate {id} ({label}), made {date}": (
        "Сохранённая оценка {id} ({label}), сделана {date}"
    ),
    "Stored estimate {id} ({label}), made {date} by {by}": (
        "Сохранённая оценка {id} ({label}), сделана {date} пользователем {by}"
    ),
    "no label": ("без названия"),
    " with Toll {version}: method {method}": (" в Toll {version}: метод {method}"),
    ", model {model}": (", модель {model}"),
    "{level} interval by {interval}": ("интервал {level}: {interval}"),
    "the method": ("собственный интервал метода"),
    "profile likelihood": ("профиль правдоподобия"),
    "BCa bootstrap with re-selection": ("BCa-бутстреп с повторным выбором модели"),
    "percentiles of summed stratum draws": ("процентили сумм выборок по стратам"),
    "Wald (the profile search failed)": ("Вальда (поиск по профилю не удался)"),
    "from the overlap of {count} lists ({lists}) holding {observed} persons": (
        "по пересечению {count} списков ({lists}), в которых {observed} лиц"
    ),
    "seed {seed}": ("начальное число генератора {seed}"),
    "`toll estimates show {id}` shows every input and setting": (
        "`toll estimates show {id}` показывает все входные данные и настройки"
    ),
    "Missing-person cases in the store (each the search for one person), by their current status": (
        "Дела о пропавших без вести в хранилище (каждое — поиск одного человека) по их "
        "текущему статусу"
    ),
    "; only cases {which}": ("; только дела, {which}"),
    "Families in the register, as the lists' households join them across lists, with "
    "the relations entered by hand": (
        "Семьи в реестре — домохозяйства списков, объединённые между списками, с "
        "введёнными вручную родственными связями"
    ),
    "; only losses at the place and in the days of {title}": (
        "; только потери в месте и в дни события «{title}»"
    ),
    "The first {count} persons of the register; `toll person LABEL` shows each one's "
    "records side by side.": (
        "Первые {count} лиц реестра; `toll person LABEL` показывает записи каждого рядом."
    ),
    "attached to the incident {title} (incident {id}) or an incident within it": (
        "привязанные к инциденту «{title}» (инцидент {id}) или к входящему в него"
    ),
    "of events from {start} to {end}": ("о событиях с {start} по {end}"),
    "any date": ("любой даты"),
    "now": ("сегодня"),
    "at {place} (in any script or spelling)": ("в месте {place} (в любом письме и написании)"),
    "; only records {which}": ("; только записи {which}"),
    "family": ("семья"),
    "wiped out": ("погибла целиком"),
    "child": ("ребёнок"),
    "lost": ("утрата"),
    "resolved": ("завершено"),
    "age": ("возраст"),
    "a household (joined across lists through its persons) with at least 2 known members": (
        "домохозяйство (объединённое между списками через его членов), в котором "
        "известно не менее 2 человек"
    ),
    "every known member killed": ("все известные члены убиты"),
    "a son or daughter of the head (and spouse), under 18 on the date the parent was "
    "killed, not killed themselves": (
        "сын или дочь главы семьи (и супруги), моложе 18 лет на дату гибели родителя, "
        "сами не погибшие"
    ),
    "exactly one of two recorded parents killed": ("убит ровно один из двух записанных родителей"),
    "both recorded parents killed": ("убиты оба записанных родителя"),
    "under 18 at disappearance": ("моложе 18 лет на момент исчезновения"),
    "60 or older at disappearance": ("60 лет и старше на момент исчезновения"),
    "female, 18 or older at disappearance": ("женщины 18 лет и старше на момент исчезновения"),
    "moved to located_alive, released, identified (reopened cases count again)": (
        "переведены в статус «найдены живыми», «освобождены» или «опознаны» (вновь "
        "открытые дела учитываются снова)"
    ),
    "from the birth date or year and the last-seen date, else the lists' age": (
        "по дате или году рождения и дате, когда человека видели в последний раз, иначе "
        "по возрасту из списков"
    ),
    "row {row}, event {event}": "строка {row}, событие {event}",
    "the data file": "файл данных",
    "Remains": "Останки",
    "remains recovered": "обнаружено останков",
    "not identified": "не опознаны",
    "recovered": "обнаружены",
    "unidentified": "неопознанные",
    "Remains recorded in the store, imported from lists of remains ({lists}; `toll "
    "remains import`) or added by hand, by whether a laboratory's report identified them as the "
    "person of a missing-person case": (
        "Останки, записанные в хранилище, импортированные из списков останков ({lists}; "
        "`toll remains import`) или добавленные вручную, по тому, опознала ли их экспертиза как "
        "человека из дела о пропавшем без вести"
    ),
    "remains recorded in the store (not retracted), each with what the laboratory found": (
        "останки, записанные в хранилище (не отозванные), каждые с заключением лаборатории"
    ),
    "confirmed by a laboratory's report to be the person of a missing-person case (a retracted "
    "identification does not count)": (
        "заключение лаборатории подтвердило, что это человек из дела о пропавшем без вести "
        "(отозванное опознание не учитывается)"
    ),
    "not identified yet: ranked against the open cases": (
        "ещё не опознаны: сопоставлены с открытыми делами"
    ),
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
    # footnotes
    "Counts from one to four are not shown in public reports, so that no person can "
    "be recognised from them; where a table's row total is shown elsewhere, a second "
    "count of a row with one hidden count is hidden too (the smallest), so that the "
    "hidden count cannot be worked out from the total (docs/methods/disclosure.md).": (
        "Birdən dördə qədər olan saylar ictimai hesabatlarda göstərilmir ki, onlara görə "
        "heç kəs tanına bilməsin; cədvəl sətrinin cəmi başqa yerdə göstərilirsə, bir "
        "sayı gizlədilmiş sətirdə ikinci say da (ən kiçiyi) gizlədilir ki, gizli sayı "
        "cəmdən hesablamaq mümkün olmasın (docs/methods/disclosure.md)."
    ),
    "Made by Toll {version} on {when} UTC from the store; ": (
        "Toll {version} tərəfindən {when} UTC tarixində anbarın məlumatları əsasında hazırlanıb; "
    ),
    "a public report: no personal data, counts under 5 suppressed.": (
        "ictimai hesabat: şəxsi məlumat yoxdur, 5-dən kiçik saylar gizlədilib."
    ),
    "a restricted report: it names persons; do not publish it.": (
        "xidməti istifadə üçün hesabat: burada şəxslərin adları var; onu dərc etməyin."
    ),
    "Figures attached to one incident (by hand, by the incident their words name, or "
    "from an event dataset's row; automatic attachments only once a reviewer "
    "accepted them) are set side by side when they count the same thing: the same "
    "category and subgroup. Side by side is not the same: read each source's words.": (
        "Bir hadisəyə aid edilmiş rəqəmlər (əl ilə, sözlərinin adlandırdığı hadisəyə "
        "görə və ya hadisələr məlumat toplusunun sətrindən; avtomatik aidiyyətlər yalnız "
        "yoxlayıcı qəbul etdikdən sonra) eyni şeyi — eyni kateqoriya və alt qrupu — "
        "saydıqda yan-yana qoyulur. Yan-yana olmaq eyni olmaq deyil: hər mənbənin "
        "sözlərini oxuyun."
    ),
    "Figures attached to no incident are set side by side when they count the same "
    "thing: the same category and subgroup, in the same year of the incident (from "
    "the claim's words, else the source's date). They may count different events: "
    "read each source's words; `toll incident attach` attaches them to their "
    "incident.": (
        "Heç bir hadisəyə aid edilməmiş rəqəmlər eyni şeyi — hadisənin eyni ilində eyni "
        "kateqoriya və alt qrupu (iddianın sözlərinə görə, yoxdursa mənbənin tarixinə "
        "görə) — saydıqda yan-yana qoyulur. Onlar fərqli hadisələrə aid ola bilər: hər "
        "mənbənin sözlərini oxuyun; `toll incident attach` onları öz hadisəsinə aid edir."
    ),
    "({earliest} to {latest})": ("({earliest} – {latest})"),
    "read from {file} (SHA-256 {sha256}), row {row}, event {event}": (
        "{file} faylından oxunub (SHA-256 {sha256}), sətir {row}, hadisə {event}"
    ),
    "Incident {id} of the store: {title}": ("Anbarın {id} nömrəli hadisəsi: {title}"),
    "also named {names}": ("digər adları: {names}"),
    "at {place}": ("yer: {place}"),
    "`toll reconcile --incident {id}` shows why its figures differ": (
        "`toll reconcile --incident {id}` onun rəqəmlərinin niyə fərqləndiyini göstərir"
    ),
    "file {file}, SHA-256 {sha256}": ("fayl {file}, SHA-256 {sha256}"),
    "published {date}": ("dərc edilib: {date}"),
    "speaker {speaker}": ("danışan: {speaker}"),
    "claim {id} (the figure in the words “{words}”)": (
        "iddia {id} (rəqəm “{words}” sözlərindədir)"
    ),
    "claim {id}": ("iddia {id}"),
    "Toll's register of persons: the records of {count} lists ({lists}) linked into "
    "persons, each person counted once per status their records give (a person whose "
    "records give two statuses counts under each)": (
        "Toll-un şəxslər reyestri: {count} siyahının ({lists}) qeydləri şəxslərə "
        "birləşdirilib; hər şəxs qeydlərinin verdiyi hər status üzrə bir dəfə sayılır "
        "(qeydləri iki status verən şəxs hər ikisində sayılır)"
    ),
    "Age at the event, in years: as the lists give it, else from the year of birth "
    "and the date of the event.": (
        "Hadisə anındakı yaş, illərlə: siyahıların verdiyi kimi, yoxdursa doğum ili və "
        "hadisə tarixinə görə."
    ),
    "Estimate": ("Təxmin"),
    "Stored estimate {id} ({label}), made {date}": (
        "Saxlanmış təxmin {id} ({label}), {date} tarixində hazırlanıb"
    ),
    "Stored estimate {id} ({label}), made {date} by {by}": (
        "Saxlanmış təxmin {id} ({label}), {date} tarixində {by} tərəfindən hazırlanıb"
    ),
    "no label": ("adsız"),
    " with Toll {version}: method {method}": (", Toll {version}: metod {method}"),
    ", model {model}": (", model {model}"),
    "{level} interval by {interval}": ("{level} interval: {interval}"),
    "the method": ("metodun öz intervalı"),
    "profile likelihood": ("profil həqiqətəbənzərliyi"),
    "BCa bootstrap with re-selection": ("modelin yenidən seçilməsi ilə BCa butstrep"),
    "percentiles of summed stratum draws": ("strata seçmələrinin cəminin persentilləri"),
    "Wald (the profile search failed)": ("Vald (profil axtarışı alınmadı)"),
    "from the overlap of {count} lists ({lists}) holding {observed} persons": (
        "{observed} şəxsi əhatə edən {count} siyahının ({lists}) üst-üstə düşməsinə görə"
    ),
    "seed {seed}": ("təsadüfi ədədlər toxumu {seed}"),
    "`toll estimates show {id}` shows every input and setting": (
        "`toll estimates show {id}` bütün giriş məlumatlarını və parametrləri göstərir"
    ),
    "Missing-person cases in the store (each the search for one person), by their current status": (
        "Anbardakı itkin düşmüş şəxs işləri (hər biri bir şəxsin axtarışıdır), cari statusuna görə"
    ),
    "; only cases {which}": ("; yalnız işlər: {which}"),
    "Families in the register, as the lists' households join them across lists, with "
    "the relations entered by hand": (
        "Reyestrdəki ailələr: siyahıların təsərrüfatları siyahılar arasında "
        "birləşdirilib, əl ilə daxil edilmiş qohumluq əlaqələri ilə"
    ),
    "; only losses at the place and in the days of {title}": (
        "; yalnız {title} hadisəsinin yerində və günlərindəki itkilər"
    ),
    "The first {count} persons of the register; `toll person LABEL` shows each one's "
    "records side by side.": (
        "Reyestrin ilk {count} şəxsi; `toll person LABEL` hər birinin qeydlərini yan-yana göstərir."
    ),
    "attached to the incident {title} (incident {id}) or an incident within it": (
        "{title} hadisəsinə ({id} nömrəli hadisə) və ya onun daxilindəki hadisəyə aid edilmiş"
    ),
    "of events from {start} to {end}": ("{start} – {end} dövrünün hadisələri üzrə"),
    "any date": ("istənilən tarix"),
    "now": ("bu gün"),
    "at {place} (in any script or spelling)": ("{place} yerində (istənilən yazı və yazılışda)"),
    "; only records {which}": ("; yalnız qeydlər: {which}"),
    "family": ("ailə"),
    "wiped out": ("tamamilə məhv olub"),
    "child": ("uşaq"),
    "lost": ("itki"),
    "resolved": ("həll edilib"),
    "age": ("yaş"),
    "a household (joined across lists through its persons) with at least 2 known members": (
        "ən azı 2 məlum üzvü olan təsərrüfat (siyahılar arasında üzvləri vasitəsilə birləşdirilmiş)"
    ),
    "every known member killed": ("bütün məlum üzvlər həlak olub"),
    "a son or daughter of the head (and spouse), under 18 on the date the parent was "
    "killed, not killed themselves": (
        "ailə başçısının (və həyat yoldaşının) oğlu və ya qızı, valideynin həlak olduğu "
        "tarixdə 18 yaşdan kiçik, özü həlak olmayan"
    ),
    "exactly one of two recorded parents killed": (
        "qeydə alınmış iki valideyndən yalnız biri həlak olub"
    ),
    "both recorded parents killed": ("qeydə alınmış hər iki valideyn həlak olub"),
    "under 18 at disappearance": ("itkin düşərkən 18 yaşdan kiçik"),
    "60 or older at disappearance": ("itkin düşərkən 60 və daha yuxarı yaşda"),
    "female, 18 or older at disappearance": ("itkin düşərkən 18 və daha yuxarı yaşda qadın"),
    "moved to located_alive, released, identified (reopened cases count again)": (
        "“sağ tapılıb”, “azad edilib” və ya “şəxsiyyəti müəyyən edilib” statusuna "
        "keçirilib (yenidən açılmış işlər yenidən sayılır)"
    ),
    "from the birth date or year and the last-seen date, else the lists' age": (
        "doğum tarixi və ya ilinə və sonuncu dəfə görüldüyü tarixə görə, yoxdursa "
        "siyahılardakı yaşa görə"
    ),
    "row {row}, event {event}": "sətir {row}, hadisə {event}",
    "the data file": "məlumat faylı",
    "Remains": "Qalıqlar",
    "remains recovered": "tapılmış qalıqlar",
    "not identified": "şəxsiyyəti müəyyən edilməyib",
    "recovered": "tapılıb",
    "unidentified": "şəxsiyyəti məlum olmayan",
    "Remains recorded in the store, imported from lists of remains ({lists}; `toll "
    "remains import`) or added by hand, by whether a laboratory's report identified them as the "
    "person of a missing-person case": (
        "Anbarda qeydə alınmış qalıqlar: qalıq siyahılarından idxal edilmiş ({lists}; "
        "`toll remains import`) və ya əllə əlavə edilmiş, laboratoriya rəyinin onları itkin düşmüş "
        "şəxsin işi üzrə şəxs kimi tanıyıb-tanımamasına görə"
    ),
    "remains recorded in the store (not retracted), each with what the laboratory found": (
        "anbarda qeydə alınmış qalıqlar (geri götürülməmiş), hər biri laboratoriyanın rəyi ilə"
    ),
    "confirmed by a laboratory's report to be the person of a missing-person case (a retracted "
    "identification does not count)": (
        "laboratoriya rəyi ilə itkin düşmüş şəxsin işi üzrə şəxs olduğu təsdiqlənib (geri "
        "götürülmüş tanınma sayılmır)"
    ),
    "not identified yet: ranked against the open cases": (
        "şəxsiyyəti hələ müəyyən edilməyib: açıq işlərlə müqayisə edilib"
    ),
}

LABELS = {"ru": _RU, "az": _AZ}


def label(text: str, language: str = "en") -> str:
    """`text` in `language` (English when it has no translation)."""
    return LABELS.get(language, {}).get(text, text)
