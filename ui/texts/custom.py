"""Functions typed by the user (the "custom" entry of the surface pickers)."""

TEXT = {
    "custom.input_2d": {"en": "Your function f(x, y) =", "ko": "나만의 함수 f(x, y) ="},
    "custom.input_1d": {"en": "Your function f(x) =", "ko": "나만의 함수 f(x) ="},
    "custom.help": {
        "en": "Use `x` and `y`, numbers, `pi` and `e`, the operators `+` `-` `*` `/`, and `^` or `**` for a power "
              "(`x^2`). Write every product with `*`: `2*x`, not `2x`. Functions take their argument in "
              "parentheses, as in `sin(x)`: `sin` `cos` `tan` `exp` `log` `sqrt` `abs` `tanh` `sinh` `cosh` "
              "`arctan` `arcsin` `arccos` `sigmoid`. At most 200 characters.",
        "ko": "`x`와 `y`, 숫자, `pi`와 `e`, 연산자 `+` `-` `*` `/`, 거듭제곱 `^` 또는 `**`(`x^2`)를 쓸 수 "
              "있습니다. 곱셈은 `2x`가 아니라 `2*x`처럼 항상 `*`를 씁니다. 함수는 `sin(x)`처럼 괄호 안에 인수를 "
              "씁니다: `sin` `cos` `tan` `exp` `log` `sqrt` `abs` `tanh` `sinh` `cosh` `arctan` `arcsin` "
              "`arccos` `sigmoid`. 최대 200자입니다.",
    },
    "custom.examples_2d": {
        "en": "Examples: `x**2/20 + y**2` · `sin(x)*cos(y)` · `(1-x)^2 + 100*(y-x^2)^2` · `x^2 - y^2`",
        "ko": "예시: `x**2/20 + y**2` · `sin(x)*cos(y)` · `(1-x)^2 + 100*(y-x^2)^2` · `x^2 - y^2`",
    },
    "custom.examples_1d": {
        "en": "Examples: `x^3 - 2*x^2 + 2` · `x^2/10 + sin(3*x)` · `(x^2 - 1)^2 + x/2`",
        "ko": "예시: `x^3 - 2*x^2 + 2` · `x^2/10 + sin(3*x)` · `(x^2 - 1)^2 + x/2`",
    },
    "custom.fallback": {
        "en": "Until the formula is fixed, the charts show {name}, this page's default surface.",
        "ko": "식을 고칠 때까지 그래프는 이 페이지의 기본 곡면인 {name}을(를) 보여 줍니다.",
    },
    "custom.last_valid": {
        "en": "Until the formula is fixed, the charts show the last valid function, {lhs} = {formula}.",
        "ko": "식을 고칠 때까지 그래프는 마지막으로 올바르게 입력한 함수 {lhs} = {formula}을(를) 보여 줍니다.",
    },
    "custom.chart_fallback": {
        "en": "Your formula {typed} cannot be used (the message is next to the box): the charts below show "
              "{name}, this page's default surface.",
        "ko": "입력한 식 {typed}은(는) 쓸 수 없습니다 (이유는 입력 칸 옆에 있습니다). 아래 그래프는 이 페이지의 "
              "기본 곡면인 {name}을(를) 보여 줍니다.",
    },
    "custom.chart_last_valid": {
        "en": "Your formula {typed} cannot be used (the message is next to the box): the charts below show the "
              "last valid function, {lhs} = {formula}.",
        "ko": "입력한 식 {typed}은(는) 쓸 수 없습니다 (이유는 입력 칸 옆에 있습니다). 아래 그래프는 마지막으로 "
              "올바르게 입력한 함수 {lhs} = {formula}을(를) 보여 줍니다.",
    },
    "custom.gradient": {"en": "Its exact gradient, derived from your formula:",
                        "ko": "입력한 식에서 직접 구한 정확한 기울기:"},
    "custom.gradient_long": {"en": "The gradient formula is too long to display ({n} characters).",
                             "ko": "기울기 식이 너무 길어 표시하지 않습니다 ({n}자)."},
    "custom.hessian": {"en": "Its exact second derivatives (the entries of the Hessian), derived the same way:",
                       "ko": "같은 방법으로 구한 정확한 이계도함수(헤세 행렬의 성분):"},
    "custom.hessian_long": {"en": "The second-derivative formulas are too long to display ({n} characters).",
                            "ko": "이계도함수 식이 너무 길어 표시하지 않습니다 ({n}자)."},
    "custom.wrong_dim": {
        "en": "This page needs a function of {dim} variable(s); yours uses {got}.",
        "ko": "이 페이지에는 변수 {dim}개짜리 함수가 필요하지만, 입력한 함수는 {got}개를 씁니다.",
    },
    "custom.error": {"en": "Cannot use this formula: {reason}", "ko": "이 식은 쓸 수 없습니다: {reason}"},
    "custom.error_at": {"en": "Cannot use this formula (column {column}): {reason}",
                        "ko": "이 식은 쓸 수 없습니다 ({column}번째 글자): {reason}"},
    "custom.where": {"en": "Where: {before} **▶** {after}", "ko": "위치: {before} **▶** {after}"},
    "custom.where_end": {"en": "(the end)", "ko": "(끝)"},
    # What is wrong, family by family (when there is nothing more precise to say) ...
    "custom.kind.length": {"en": "it is too long", "ko": "식이 너무 깁니다"},
    "custom.kind.empty": {"en": "it is empty", "ko": "식이 비어 있습니다"},
    "custom.kind.character": {"en": "it contains a character that is not allowed",
                              "ko": "쓸 수 없는 문자가 들어 있습니다"},
    "custom.kind.syntax": {"en": "it is not a well-formed formula", "ko": "식의 형식이 올바르지 않습니다"},
    "custom.kind.name": {"en": "it uses an unknown name (only x, y, pi and e)",
                         "ko": "알 수 없는 이름이 있습니다 (x, y, pi, e만 쓸 수 있습니다)"},
    "custom.kind.function": {"en": "a function is unknown or called the wrong way",
                             "ko": "모르는 함수이거나 함수를 잘못 불렀습니다"},
    "custom.kind.number": {"en": "a number is too large or not allowed", "ko": "숫자가 너무 크거나 쓸 수 없는 형태입니다"},
    "custom.kind.exponent": {"en": "an exponent is too large", "ko": "지수가 너무 큽니다"},
    "custom.kind.size": {"en": "it has too many parts", "ko": "식이 너무 복잡합니다"},
    "custom.kind.depth": {"en": "it is nested too deeply", "ko": "괄호나 함수가 너무 깊게 겹쳐 있습니다"},
    "custom.kind.constant": {"en": "a part without x or y is not a finite number",
                             "ko": "x나 y가 없는 부분의 값이 유한한 수가 아닙니다"},
    "custom.kind.unsupported": {"en": "it uses syntax that is not allowed", "ko": "허용되지 않는 문법을 썼습니다"},
    "custom.detail": {"en": "Details: {message}", "ko": "자세히: {message}"},
    # ... and precisely (ExpressionError.reason). Placeholders that hold typed text are shown as code.
    "custom.reason.length": {"en": "it is too long ({length} characters; at most {limit})",
                             "ko": "식이 너무 깁니다 ({length}자, 최대 {limit}자)"},
    "custom.reason.empty": {"en": "the box is empty: type a formula (see the examples under the box)",
                            "ko": "칸이 비어 있습니다. 식을 입력하세요 (칸 아래의 예시 참고)"},
    "custom.reason.character": {"en": "the character {char} cannot be used in a formula",
                                "ko": "{char} 문자는 식에 쓸 수 없습니다"},
    "custom.reason.invisible": {"en": "there is an invisible character ({code}) here: delete it, or type the "
                                      "formula again instead of pasting it",
                                "ko": "보이지 않는 문자({code})가 있습니다. 지우거나, 붙여 넣지 말고 식을 다시 "
                                      "입력하세요"},
    "custom.reason.equals": {"en": "type only the right-hand side, without `=`: the box already says f =",
                             "ko": "`=` 없이 오른쪽 식만 입력하세요. 칸 이름에 이미 f = 가 있습니다"},
    "custom.reason.fullwidth": {"en": "{char} is a full-width character: switch the keyboard to half-width "
                                      "(English) mode and type {ascii}",
                                "ko": "{char} 문자는 전각 문자입니다. 키보드를 반각(영문) 모드로 바꾸어 다음을 "
                                      "입력하세요: {ascii}"},
    "custom.reason.wide_space": {"en": "this is a full-width space: type a normal (half-width) space",
                                 "ko": "전각 공백입니다. 보통(반각) 공백을 입력하세요"},
    "custom.reason.type_instead": {"en": "{char} cannot be typed here: type {instead} instead",
                                   "ko": "{char} 문자는 쓸 수 없습니다. 대신 입력할 것: {instead}"},
    "custom.reason.number_letter": {"en": "a number cannot be followed directly by a letter: write {product}, "
                                          "not {glued}",
                                    "ko": "숫자 바로 뒤에 문자를 붙일 수 없습니다. {glued} 대신 {product}처럼 "
                                          "`*`를 넣으세요"},
    "custom.reason.number_e": {"en": "after a number, e starts a power of ten and needs digits, as in {ten} "
                                     "(= {number} × 1000); to multiply by the constant e, write {times}",
                               "ko": "숫자 뒤의 e는 10의 거듭제곱을 뜻하므로 {ten}(= {number} × 1000)처럼 뒤에 "
                                     "숫자가 필요합니다. 상수 e를 곱하려면 {times}처럼 쓰세요"},
    "custom.reason.complex": {"en": "complex numbers (such as `2j`) are not supported",
                              "ko": "복소수(`2j` 같은 것)는 쓸 수 없습니다"},
    "custom.reason.ends_after_operator": {"en": "the formula ends after the operator {op}: type what comes after it",
                                          "ko": "식이 연산자 {op}에서 끝났습니다. 그 뒤에 올 값을 입력하세요"},
    "custom.reason.nothing_after": {"en": "nothing comes after the operator {op}",
                                    "ko": "연산자 {op} 뒤에 값이 없습니다"},
    "custom.reason.nothing_before": {"en": "the operator {op} has nothing before it",
                                     "ko": "연산자 {op} 앞에 값이 없습니다"},
    "custom.reason.two_operators": {"en": "two operators in a row, {first} then {op}: delete one, or put a number "
                                          "or a variable between them",
                                    "ko": "연산자 두 개가 연달아 나옵니다 ({first} 다음 {op}). 하나를 지우거나 사이에 "
                                          "숫자나 변수를 넣으세요"},
    "custom.reason.missing_operator": {"en": "nothing joins {left} and {right}: put an operator between them, "
                                             "as in {example}",
                                       "ko": "{left}, {right} 사이에 연산자가 없습니다. {example}처럼 연산자를 "
                                             "넣으세요"},
    "custom.reason.unclosed": {"en": "this `(` is never closed: add a `)`",
                               "ko": "여는 괄호 `(`가 닫히지 않았습니다. 닫는 괄호 `)`를 넣으세요"},
    "custom.reason.unmatched": {"en": "this `)` has no `(` before it",
                                "ko": "닫는 괄호 `)`와 짝이 되는 여는 괄호 `(`가 앞에 없습니다"},
    "custom.reason.empty_parens": {"en": "the parentheses are empty: put something inside",
                                   "ko": "괄호 안이 비어 있습니다. 괄호 안에 식을 넣으세요"},
    "custom.reason.comma": {"en": "a comma cannot be used: each function takes one argument, as in "
                                  "`sin(x)*cos(y)`",
                            "ko": "쉼표는 쓸 수 없습니다. 함수는 `sin(x)*cos(y)`처럼 인수를 하나만 받습니다"},
    "custom.reason.dot": {"en": "a dot can only be a decimal point, as in `0.5`",
                          "ko": "점은 `0.5`처럼 소수점으로만 쓸 수 있습니다"},
    "custom.reason.leading_zero": {"en": "a whole number cannot start with 0, as {number} does: leave out the "
                                         "leading zeros",
                                   "ko": "정수는 {number}처럼 0으로 시작할 수 없습니다. 앞의 0을 지우세요"},
    "custom.reason.unknown_name": {"en": "unknown name {name}: use `x` and `y`, the constants `pi` and `e`, and "
                                         "functions such as `sin(x)`",
                                   "ko": "알 수 없는 이름 {name}: `x`, `y`, 상수 `pi`와 `e`, 그리고 `sin(x)` 같은 "
                                         "함수만 쓸 수 있습니다"},
    "custom.reason.function_bare": {"en": "the function {name} needs its argument in parentheses, as in {call}",
                                    "ko": "함수 {name}에는 {call}처럼 괄호 안에 인수가 있어야 합니다"},
    "custom.reason.not_function": {"en": "{name} is not a function: to multiply, write {product}",
                                   "ko": "{name}는 함수가 아닙니다. 곱하려면 {product}처럼 쓰세요"},
    "custom.reason.unknown_function": {"en": "unknown function {name}; the functions are {allowed}",
                                       "ko": "알 수 없는 함수 {name}. 쓸 수 있는 함수: {allowed}"},
    "custom.reason.arity": {"en": "the function {name} takes exactly one argument ({given} given)",
                            "ko": "함수 {name}에는 인수를 정확히 하나 넣어야 합니다 ({given}개를 넣음)"},
    "custom.reason.operator": {"en": "the operator {op} is not allowed: use `+` `-` `*` `/` and `^` (or `**`)",
                               "ko": "{op} 연산자는 쓸 수 없습니다. `+` `-` `*` `/`와 `^`(또는 `**`)를 쓰세요"},
    "custom.reason.number_large": {"en": "a number is larger than {limit:g}",
                                   "ko": "숫자가 너무 큽니다 (최대 {limit:g})"},
    "custom.reason.exponent": {"en": "the exponent {value} is too large (at most {limit:g})",
                               "ko": "지수가 너무 큽니다: {value} (최대 {limit:g})"},
    "custom.reason.size": {"en": "the formula has too many parts (more than {limit} numbers, names and operators)",
                           "ko": "식이 너무 복잡합니다 (숫자, 이름, 연산자가 {limit}개 초과)"},
    "custom.reason.depth": {"en": "parentheses, functions or signs are nested more than {limit} levels deep",
                            "ko": "괄호, 함수, 부호가 {limit}단계보다 깊게 겹쳐 있습니다"},
    "custom.reason.constant": {"en": "the part {part} has no x or y and is not a finite number ({value})",
                               "ko": "x나 y가 없는 부분 {part}의 값이 유한한 수가 아닙니다 ({value})"},
}
