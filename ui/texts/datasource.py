"""The data-source controls (ui/datasource.py): generated, bundled or uploaded data, and every message a
file or a choice can get (``datasource.err_<key>``, the keys of ``surfaces.tabular.TableError``)."""

TEXT = {
    "datasource.source": {"en": "Source", "ko": "데이터 출처"},
    "datasource.source_help": {
        "en": "generated: points the app draws at random. tips, iris, gapminder: real data that come with the app. "
              "CSV: a file of your own (it stays in this browser session, it is never saved).",
        "ko": "생성(generated): 앱이 무작위로 만든 점입니다. tips, iris, gapminder: 앱과 함께 들어 있는 실제 데이터입니다. "
              "CSV: 직접 올리는 파일입니다(이 브라우저 세션 안에만 있고 저장되지 않습니다).",
    },
    "datasource.file": {"en": "CSV file", "ko": "CSV 파일"},
    "datasource.file_help": {
        "en": "A table with a header line and at least {rows_min} rows: up to {mb} MB, {rows} rows and {cols} columns. "
              "Commas, semicolons or tabs; decimal commas work in a semicolon file.",
        "ko": "첫 줄이 열 이름이고 {rows_min}행 이상인 표: 최대 {mb} MB, {rows}행, {cols}열. 쉼표, 세미콜론, 탭으로 "
              "나눈 파일을 읽고, 세미콜론 파일에서는 소수점 쉼표도 읽습니다.",
    },
    "datasource.waiting": {
        "en": "Choose a CSV file above. Until then the page shows the generated data.",
        "ko": "위에서 CSV 파일을 고르세요. 그때까지는 생성된 데이터를 보여 줍니다.",
    },
    "datasource.charts_wait": {
        "en": "The charts appear once the data in the sidebar can be used (a file is chosen and read, the columns "
              "chosen can train). The sidebar says what is missing.",
        "ko": "사이드바의 데이터를 쓸 수 있게 되면(파일을 골라 읽었고, 고른 열로 학습할 수 있으면) 그래프가 나타납니다. "
              "무엇이 빠졌는지는 사이드바에 나옵니다.",
    },
    "datasource.feature": {"en": "Feature x (input)", "ko": "특성 x (입력)"},
    "datasource.target": {"en": "Target y (to predict)", "ko": "목표 y (예측할 값)"},
    "datasource.task": {"en": "Task", "ko": "과제"},
    "datasource.task_help": {
        "en": "y = w·x + b: regression with the mean squared error. σ(w·x + b): logistic regression, the probability "
              "of the chosen class, with the cross-entropy. Both have the parameters (w, b).",
        "ko": "y = w·x + b: 평균제곱오차를 쓰는 회귀입니다. σ(w·x + b): 고른 클래스일 확률을 내는 로지스틱 회귀이며 "
              "교차 엔트로피를 씁니다. 둘 다 매개변수는 (w, b)입니다.",
    },
    "datasource.positive": {"en": "Class counted as 1 (the rest are 0)", "ko": "1로 볼 클래스 (나머지는 0)"},
    "datasource.standardise": {"en": "Standardise x", "ko": "x 표준화"},
    "datasource.standardise_help": {
        "en": "Shift and scale x to mean 0 and standard deviation 1. Without it a feature in the tens or hundreds makes "
              "the valley narrow in w, and a learning rate that suits b throws w away.",
        "ko": "x를 평균 0, 표준편차 1이 되게 옮기고 늘입니다. 이걸 끄면 값이 수십, 수백인 특성에서 골짜기가 w 방향으로 "
              "좁아져서, b에 맞는 학습률로도 w가 튕겨 나갑니다.",
    },
    "datasource.read": {"en": "{name}: {rows} rows, {cols} columns.", "ko": "{name}: {rows}행, {cols}열."},
    "datasource.standardised": {"en": "{name} (standardised)", "ko": "{name} (표준화)"},
    "datasource.class_axis": {"en": "P({column} = {value})", "ko": "확률 P({column} = {value})"},
    "datasource.epochs_capped": {
        "en": "With N = {n} rows SGD makes {n} updates per epoch; the runs are limited to {limit} updates, so at most "
              "{epochs} epochs are run.",
        "ko": "N = {n}행이면 SGD는 에포크마다 {n}번 갱신합니다. 갱신은 {limit}번까지만 하므로 최대 {epochs} 에포크만 "
              "실행합니다.",
    },
    "datasource.source_note": {"en": "Source: {text}", "ko": "출처: {text}"},
    # -- what can be wrong with a file (surfaces.tabular.TableError keys) ------------------------------
    "datasource.err_empty": {"en": "The file is empty.", "ko": "파일이 비어 있습니다."},
    "datasource.err_blank": {"en": "The file holds only spaces or blank lines.",
                             "ko": "파일에 공백이나 빈 줄만 있습니다."},
    "datasource.err_too_large": {
        "en": "The file is {size:,} bytes; the limit is {limit:,} bytes (1 MB). Keep fewer rows or columns.",
        "ko": "파일이 {size:,}바이트입니다. 한도는 {limit:,}바이트(1 MB)입니다. 행이나 열을 줄여 주세요.",
    },
    "datasource.err_binary": {
        "en": "This is not a text file (it holds zero bytes): perhaps a spreadsheet or an image. Save it as CSV.",
        "ko": "텍스트 파일이 아닙니다(0 바이트가 들어 있습니다). 스프레드시트나 그림 파일인 것 같습니다. CSV로 저장해 주세요.",
    },
    "datasource.err_utf16": {
        "en": "The file is in UTF-16; save it as CSV in UTF-8 (\"CSV UTF-8\" in a spreadsheet's Save As).",
        "ko": "파일이 UTF-16입니다. UTF-8 CSV로 저장해 주세요(스프레드시트의 다른 이름으로 저장에서 \"CSV UTF-8\").",
    },
    "datasource.err_not_utf8": {
        "en": "Line {line} is not UTF-8 text (perhaps Latin-1 or CP949). Save the file as CSV in UTF-8.",
        "ko": "{line}번째 줄이 UTF-8 글자가 아닙니다(Latin-1이나 CP949인 듯합니다). 파일을 UTF-8 CSV로 저장해 주세요.",
    },
    "datasource.err_not_csv": {
        "en": "The file cannot be read as a CSV table (check quotes and separators).",
        "ko": "파일을 CSV 표로 읽을 수 없습니다(따옴표와 구분 기호를 확인해 주세요).",
    },
    "datasource.err_ragged": {
        "en": "Line {line} has {got} cells, but the header has {expected}.",
        "ko": "{line}번째 줄의 칸이 {got}개인데 머리글은 {expected}개입니다.",
    },
    "datasource.err_too_many_columns": {
        "en": "The file has {count:,} columns; at most {limit} are read. Keep only the columns you need.",
        "ko": "파일의 열이 {count:,}개입니다. 최대 {limit}개까지 읽습니다. 필요한 열만 남겨 주세요.",
    },
    "datasource.err_too_many_rows": {
        "en": "The file has more than {limit:,} rows of data; keep at most {limit:,}.",
        "ko": "데이터가 {limit:,}행을 넘습니다. {limit:,}행 이하로 줄여 주세요.",
    },
    "datasource.err_too_few_rows": {
        "en": "The file has {count} row(s) of data under its header; at least {limit} are needed.",
        "ko": "머리글 아래 데이터가 {count}행뿐입니다. 적어도 {limit}행이 필요합니다.",
    },
    "datasource.err_header_only": {
        "en": "The file has a header line but no rows of data.",
        "ko": "파일에 머리글 줄만 있고 데이터 행이 없습니다.",
    },
    "datasource.err_one_column": {
        "en": "The file has only one column; a feature and a target need two.",
        "ko": "파일에 열이 하나뿐입니다. 특성과 목표에 열 두 개가 필요합니다.",
    },
    "datasource.err_duplicate_name": {
        "en": "Columns {first} and {second} have the same name \"{column}\"; give each column its own name.",
        "ko": "{first}번째 열과 {second}번째 열의 이름이 \"{column}\"(으)로 같습니다. 열마다 다른 이름을 붙여 주세요.",
    },
    "datasource.err_missing": {
        "en": "Line {line}, column \"{column}\": the cell is empty. Fill it in or remove the row.",
        "ko": "{line}번째 줄, \"{column}\" 열: 칸이 비어 있습니다. 값을 채우거나 그 행을 지워 주세요.",
    },
    "datasource.err_not_finite": {
        "en": "Line {line}, column \"{column}\": \"{value}\" is not a finite number.",
        "ko": "{line}번째 줄, \"{column}\" 열: \"{value}\"은(는) 유한한 수가 아닙니다.",
    },
    "datasource.err_text_in_number": {
        "en": "Line {line}, column \"{column}\": \"{value}\" is not a number, but the rest of the column is.",
        "ko": "{line}번째 줄, \"{column}\" 열: 나머지는 수인데 \"{value}\"은(는) 수가 아닙니다.",
    },
    "datasource.err_too_big": {
        "en": "Line {line}, column \"{column}\": {value} is too large (the limit is ±{limit:g}: squares of such "
              "numbers overflow). Change the units.",
        "ko": "{line}번째 줄, \"{column}\" 열: {value}은(는) 너무 큽니다(한도 ±{limit:g}: 이런 수의 제곱은 넘칩니다). "
              "단위를 바꿔 주세요.",
    },
    "datasource.err_no_numbers": {
        "en": "No column holds only numbers; the feature must be a number column.",
        "ko": "수로만 된 열이 없습니다. 특성은 수로 된 열이어야 합니다.",
    },
    "datasource.err_no_column": {"en": "There is no column \"{column}\".", "ko": "\"{column}\" 열이 없습니다."},
    "datasource.err_same_column": {
        "en": "\"{column}\" is both the feature and the target; choose two different columns.",
        "ko": "\"{column}\"이(가) 특성이자 목표입니다. 서로 다른 열 두 개를 골라 주세요.",
    },
    "datasource.err_feature_text": {
        "en": "Column \"{column}\" holds text; the feature must be numbers.",
        "ko": "\"{column}\" 열은 글자입니다. 특성은 수여야 합니다.",
    },
    "datasource.err_target_text": {
        "en": "Column \"{column}\" holds text: a regression needs numbers. Choose σ(w·x + b) to classify it.",
        "ko": "\"{column}\" 열은 글자입니다. 회귀에는 수가 필요합니다. 분류하려면 σ(w·x + b)를 고르세요.",
    },
    "datasource.err_constant": {
        "en": "Column \"{column}\" has the same value ({value}) in every row: there is nothing to learn from it.",
        "ko": "\"{column}\" 열은 모든 행의 값이 {value}(으)로 같습니다. 여기서는 배울 것이 없습니다.",
    },
    "datasource.err_one_class": {
        "en": "Column \"{column}\" has one class only (\"{value}\"): a classifier needs two.",
        "ko": "\"{column}\" 열에는 클래스가 하나(\"{value}\")뿐입니다. 분류에는 두 개가 필요합니다.",
    },
    "datasource.err_no_positive": {
        "en": "Column \"{column}\" has no class \"{value}\".",
        "ko": "\"{column}\" 열에 \"{value}\" 클래스가 없습니다.",
    },
    "datasource.err_bad_task": {"en": "Unknown task \"{task}\".", "ko": "알 수 없는 과제 \"{task}\"입니다."},
    "datasource.err_unknown_dataset": {"en": "There is no bundled data set \"{name}\".",
                                       "ko": "\"{name}\"이라는 내장 데이터는 없습니다."},
}
