"""The text check reads numbers where Python's tokenizer does, so ast.parse never gets to warn."""

import warnings

import pytest

from surfaces import ExpressionError, custom


@pytest.mark.parametrize("text", ["...5.if", "...5.x", "x*...5.e", "....5", "1...5e"])
def test_ellipsis_then_number_is_refused_without_a_warning(text):
    """Python reads '...5.if' as '...', then '5.' glued to 'if' (a SyntaxWarning); the check did read '.5'."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ExpressionError):
            custom(text)
