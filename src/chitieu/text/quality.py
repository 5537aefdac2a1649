"""How damaged the Vietnamese of a text is (OCR without a Vietnamese model). (stub: being built)"""


def quality_score(text: str) -> float:
    return 1.0
