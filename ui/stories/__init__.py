"""The guided story of each lesson page, as data: one small table of ``ui.story.Step`` per page.

Each step names the page's own widget keys and the values that set up its scene; the texts are
written for this app, in Korean and English.
"""
