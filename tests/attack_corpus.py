"""Hostile inputs for surfaces.custom, each with the outcome we expect.

Each entry is ``(text, expected)``: ``expected`` is the ``kind`` of the
ExpressionError it must raise, or ``"ok"`` when the text is a legal formula that
must build and evaluate safely (inf/NaN at some points, never an exception or a
stall). Every entry must finish within the test's time budget.
"""

ATTACKS: list[tuple[str, str]] = [
    # --- running code -------------------------------------------------------------------
    ("__import__('os').system('ls')", "character"),        # the classic; quotes never get in
    ("__import__(x)", "function"),                         # same call with allowed characters only
    ("__import__", "name"),                                # bare dunder name
    ("().__class__.__bases__[0].__subclasses__()", "character"),  # dunder walk (the [ is refused)
    ("().__class__.__bases__", "unsupported"),             # dunder walk with allowed characters
    ("x.__class__", "unsupported"),                        # attribute on a variable
    ("x.real", "unsupported"),                             # harmless-looking attribute
    ("sin.__globals__", "unsupported"),                    # attribute on an allowed function
    ("(1).__class__.__base__.__subclasses__()", "unsupported"),  # subclasses via an int literal
    ("lambda: x", "character"),                            # lambda needs ':'
    ("(lambda x: x)(1)", "character"),                     # immediately called lambda
    ("[x for x in (1, 2)]", "character"),                  # list comprehension
    ("(x for x in y)", "unsupported"),                     # generator expression, allowed characters only
    ("sum(x for x in y)", "function"),                     # generator passed to a function
    ("f'{x}'", "character"),                               # f-string
    ("'{0.__class__}'.format(x)", "character"),            # str.format attribute walk
    ("open('/etc/passwd')", "character"),                  # read a file
    ("open(x)", "function"),                               # open without quotes
    ("breakpoint()", "function"),                          # debugger
    ("exec(x)", "function"),                               # exec
    ("eval(x)", "function"),                               # eval
    ("compile(x)", "function"),                            # compile
    ("getattr(x, y)", "function"),                         # getattr with two arguments
    ("globals()", "function"),                             # namespace access
    ("vars()", "function"),                                # namespace access
    ("sin(x=1)", "character"),                             # keyword argument
    ("sin(**x)", "function"),                              # keyword unpacking with allowed characters
    ("sin(*x)", "unsupported"),                            # starred argument
    ("(y := 1)", "character"),                             # walrus
    ("x if y else 1", "unsupported"),                      # conditional expression
    ("x < y", "character"),                                # comparison
    ("x is y", "unsupported"),                             # identity comparison, allowed characters
    ("x in y", "unsupported"),                             # membership test, allowed characters
    ("x and y", "unsupported"),                            # boolean operator
    ("not x", "unsupported"),                              # boolean not
    ("'abc'", "character"),                                # string literal
    ("b'abc'", "character"),                               # bytes literal
    ("x[0]", "character"),                                 # subscript
    ("(yield x)", "unsupported"),                          # yield inside an expression
    ("await x", "unsupported"),                            # await outside a coroutine
    ("x, y", "unsupported"),                               # tuple
    ("True", "name"),                                      # bool constant: a word Python knows, not ours
    ("None", "name"),                                      # None constant: the same
    ("x // y", "unsupported"),                             # floor division is not on the list
    ("sin(x)(y)", "unsupported"),                          # calling a call result
    ("x(y)", "function"),                                  # calling a variable
    ("sign(x)", "function"),                               # internal-only function
    ("import os", "name"),                                 # statement, not an expression: "import" is no name of ours
    ("x; import os", "character"),                         # statement separator
    ("x\nimport os", "character"),                         # newline smuggling a second line
    ("#x", "character"),                                   # comment
    ("x @ y", "character"),                                # matrix multiplication
    # --- cost: things that stall naive evaluators ------------------------------------------
    ("9**9**9", "exponent"),                               # power tower, int arithmetic would hang
    ("9^9^9", "exponent"),                                 # the same with ^
    ("(9**9)**(9**9)", "exponent"),                        # left-nested tower
    ("x**(9**9)", "exponent"),                             # tower hidden behind a variable base
    ("2**(2**(2**(2**2)))", "exponent"),                   # 2^65536 built from small parts
    ("10**400", "exponent"),                               # exact int would be 400 digits
    ("(10**50)**7", "constant"),                           # both exponents small, 1e350 overflows
    ("x**100", "ok"),                                      # largest allowed constant exponent
    ("x**101", "exponent"),                                # just over the exponent cap
    ("x**y**x**y", "ok"),                                  # variable tower: float64, inf at worst
    ("2**(x**9)", "ok"),                                   # variable exponent that overflows fast
    ("exp(exp(exp(exp(x))))", "ok"),                       # overflows to inf for x > ~1
    ("exp(1000)", "constant"),                             # overflowing constant
    ("(" * 300 + "x" + ")" * 300, "length"),               # 300 nested parentheses
    ("(" * 99 + "x" + ")" * 99, "ok"),                     # 99 nested parentheses: no tree nodes
    ("-" * 100_000 + "x", "length"),                       # 100,000 unary minuses
    ("-" * 21 + "x", "depth"),                             # just over the nesting cap
    ("-" * 199 + "x", "depth"),                            # deepest unary chain that fits
    ("+" * 199 + "x", "depth"),                            # unary plus makes no node but still nests
    ("sin(" * 25 + "x" + ")" * 25, "depth"),               # nested calls
    ("1" * 5000, "length"),                                # 5,000-digit number
    ("1" * 200, "number"),                                 # 200-digit number that fits the length cap
    ("1" + "0" * 7, "number"),                             # 1e7 > 1e6
    ("+".join(["x"] * 100), "size"),                       # very long sum (199 characters)
    ("x" + "+x" * 500, "length"),                          # longer still
    ("*".join(["x"] * 51), "size"),                        # long product
    ("+".join(["x"] * 50), "ok"),                          # sum that just fits (99 nodes)
    ("x*" * 60 + "x", "size"),                             # product chain
    # --- odd characters -----------------------------------------------------------------------
    ("ｘ + 1", "character"),                               # full-width letter
    ("x＿", "character"),                                  # full-width low line
    ("x\x00", "character"),                                # NUL byte
    ("\x00", "character"),                                 # only a NUL
    ("x\r+1", "character"),                                # carriage return
    ("x\t+\ty", "ok"),                                     # tabs are allowed
    ("x\u200b+1", "character"),                            # zero-width space
    ("x\u202e+1", "character"),                            # right-to-left override
    ("x\ufeff", "character"),                              # byte-order mark
    ("x + \U0001F600", "character"),                       # emoji
    ("\udc80", "character"),                               # lone surrogate (from surrogateescape)
    ("x²", "character"),                                   # superscript two
    ("π*x", "character"),                                  # Greek pi
    ("sin(x) ", "ok"),                                     # trailing space
    ("   x", "ok"),                                        # leading spaces (an 'indent' to Python)
    ("", "empty"),                                         # empty
    (" \t ", "empty"),                                     # blanks only
    # --- odd values -------------------------------------------------------------------------
    ("1e309", "number"),                                   # float literal that is inf
    ("1e-400", "ok"),                                      # underflows to 0.0: harmless
    ("nan", "name"),                                       # not a name we know
    ("inf", "name"),                                       # not a name we know
    ("1/0", "constant"),                                   # division by zero
    ("x/0", "ok"),                                         # inf/nan at every point, but legal
    ("log(0)", "constant"),                                # -inf
    ("0**-1", "constant"),                                 # inf
    ("sqrt(-1)", "constant"),                              # nan
    ("log(x)", "ok"),                                      # nan for x < 0
    ("1j", "number"),                                      # complex literal
    ("0x10", "syntax"),                                    # hex literal
    ("2x", "syntax"),                                      # implicit product
    ("1if x else 2", "syntax"),                            # number glued to a keyword (SyntaxWarning in Python)
    ("1_000", "ok"),                                       # underscore in a number
    ("x__", "name"),                                       # dunder-looking name
    ("_", "name"),                                         # underscore alone
    ("x ** -0", "ok"),                                     # minus zero exponent
]
