"""The room's answers as a chart: one bar per choice, the counts on the bars, a valid plotly figure."""

import plotting


def test_counts_figure_is_valid_and_shows_the_counts():
    spec = plotting.counts_figure([3, 10, 0], "Answers: 13")
    figure = plotting.validated(spec)
    bar = figure.data[0]
    assert list(bar.x) == ["A", "B", "C"] and list(bar.y) == [3, 10, 0] and list(bar.text) == ["3", "10", "0"]
    assert figure.layout.title.text == "Answers: 13" and figure.layout.yaxis.range[1] > 10
    big = plotting.validated(plotting.counts_figure([0, 0], "Answers: 0", projector=True))
    assert big.layout.font.size == 20 and big.layout.yaxis.range[1] > 0 and big.layout.yaxis.dtick == 1
