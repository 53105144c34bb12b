"""Sharing the scene (ui/share.py)."""

TEXT = {
    "share.title": {"en": "Share this scene", "ko": "이 장면 공유하기"},
    "share.copy_help": {
        "en": "The copy button at the right of the link copies it: it opens this page with the same settings "
              "and story step.",
        "ko": "링크 오른쪽의 복사 버튼으로 복사합니다. 같은 설정과 같은 수업 단계로 이 페이지가 열립니다.",
    },
    "share.scan": {"en": "Scan to open this step on your phone", "ko": "휴대폰으로 스캔하면 이 단계가 열립니다"},
    "share.too_long": {
        "en": "This link is too long for a QR code: copy it from the sidebar, or open the page from the menu for "
              "a short one.",
        "ko": "이 링크는 QR 코드에 담기에 너무 깁니다. 사이드바에서 복사하거나, 메뉴에서 페이지를 열어 짧은 링크를 쓰세요.",
    },
    "share.enlarge": {"en": "Enlarge", "ko": "크게 보기"},
    "share.qr_alt": {"en": "QR code of the link to this step: {url}", "ko": "이 단계로 가는 링크의 QR 코드: {url}"},
}
