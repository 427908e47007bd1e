"""Web addresses as the link dialog shows them: the host in ASCII, so look-alikes show."""

from __future__ import annotations

import pytest

from reader.core.links import shown_address


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("https://аpple.com/login", "https://xn--pple-43d.com/login"),  # Cyrillic а
        ("https://xn--pple-43d.com/login", "https://xn--pple-43d.com/login"),
        ("http://bücher.de:8080/a?b=c#d", "http://xn--bcher-kva.de:8080/a?b=c#d"),
        ("https://apple.com@еvil.com/", "https://apple.com@xn--vil-qdd.com/"),
        ("https://www.childline.org.uk", "https://www.childline.org.uk"),
    ],
)
def test_the_host_is_shown_in_ascii(address: str, shown: str) -> None:
    assert shown_address(address) == shown


def test_a_host_that_cannot_be_written_in_ascii_is_refused() -> None:
    assert shown_address("https://a..b/") is None
