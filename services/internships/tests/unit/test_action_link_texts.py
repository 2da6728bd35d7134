"""The action link page's language: Simplified Chinese for a browser that prefers Chinese, English otherwise, by the
q-values of Accept-Language; both languages say the same things."""

from __future__ import annotations

import pytest

from internships.http.action_link_texts import EN, ZH_CN, texts_for


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, EN),
        ("", EN),
        ("zh-CN", ZH_CN),
        ("zh-Hans-CN,zh;q=0.9", ZH_CN),
        ("en-US,en;q=0.9,zh-CN;q=0.8", EN),
        ("zh-CN;q=0.5,en;q=0.9", EN),
        ("en;q=0.1,zh;q=0.2", ZH_CN),
        ("fr-FR,zh-CN;q=0.8,en;q=0.7", ZH_CN),  # French is not offered: the next preference wins
        ("zh-CN;q=0,en", EN),  # q=0: not acceptable
        ("zh-CN;q=abc,en", EN),  # a malformed q counts as not acceptable
        ("de", EN),
        (",,;;==", EN),
    ],
)
def test_the_page_speaks_the_browsers_preferred_language(header, expected):
    assert texts_for(header) is expected


def test_both_languages_have_every_text():
    assert EN.keys() == ZH_CN.keys()
