"""The lesson plan's download button (the handouts' own words live in ui/handout.py)."""

TEXT = {
    "handout.download": {"en": "Lesson plan (printable)", "ko": "수업 계획서 (인쇄용)"},
    "handout.download_help": {
        "en": "Every page's story as handouts, in this language: a 50-minute route, a teacher's sheet per page "
              "(answers, links, timings) and a student sheet per page (questions, a box for each prediction). "
              "An HTML file: open it and print it from the browser on A4.",
        "ko": "모든 페이지의 따라가는 수업을 지금 언어로 모은 인쇄물입니다. 50분 수업 경로, 페이지마다 교사용 "
              "안내지(답, 링크, 시간)와 학생 활동지(질문, 예측을 적는 칸). HTML 파일이니 브라우저에서 열어 A4로 "
              "인쇄하세요.",
    },
}
