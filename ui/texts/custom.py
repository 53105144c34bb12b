"""Functions typed by the user (the "custom" entry of the surface pickers)."""

TEXT = {
    "custom.input_2d": {"en": "Your function f(x, y) =", "ko": "나만의 함수 f(x, y) ="},
    "custom.input_1d": {"en": "Your function f(x) =", "ko": "나만의 함수 f(x) ="},
    "custom.help": {
        "en": "Use x and y, numbers, pi and e, + − * / and ** or ^ for powers, and sin, cos, tan, exp, log, "
              "sqrt, abs, tanh, sinh, cosh, arctan, arcsin, arccos, sigmoid. At most 200 characters.",
        "ko": "x와 y, 숫자, pi와 e, 사칙연산 + − * /, 거듭제곱 ** 또는 ^, 그리고 sin, cos, tan, exp, log, sqrt, abs, "
              "tanh, sinh, cosh, arctan, arcsin, arccos, sigmoid를 쓸 수 있습니다. 최대 200자입니다.",
    },
    "custom.examples_2d": {
        "en": "Examples: x**2/20 + y**2 · sin(x)*cos(y) · (1-x)^2 + 100*(y-x^2)^2 · x^2 - y^2",
        "ko": "예시: x**2/20 + y**2 · sin(x)*cos(y) · (1-x)^2 + 100*(y-x^2)^2 · x^2 - y^2",
    },
    "custom.examples_1d": {
        "en": "Examples: x^3 - 2*x^2 + 2 · x^2/10 + sin(3*x) · (x^2 - 1)^2 + x/2",
        "ko": "예시: x^3 - 2*x^2 + 2 · x^2/10 + sin(3*x) · (x^2 - 1)^2 + x/2",
    },
    "custom.fallback": {
        "en": "Until the formula is fixed, the page shows {name} instead.",
        "ko": "식을 고칠 때까지 대신 {name}을(를) 보여 줍니다.",
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
}
