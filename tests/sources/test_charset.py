from __future__ import annotations

from cadre_desk.sources.charset import declared_charsets, decode, normalise

GBK_ONLY = "珺镕堃"  # in GBK/GB18030 but not in GB2312: "gb2312" pages really are GBK


def test_gb2312_declared_gbk_decodes_as_gb18030() -> None:
    text = f'<?xml version="1.0" encoding="gb2312"?><rss><title>关于{GBK_ONLY}的通知</title></rss>'
    result = decode(text.encode("gbk"))
    assert result.encoding == "gb18030"
    assert GBK_ONLY in result.text
    assert not result.replaced


def test_header_utf8_but_bytes_are_gbk_with_xml_declaration() -> None:
    text = '<?xml version="1.0" encoding="gbk"?><rss><title>乡镇通知公告</title></rss>'
    result = decode(text.encode("gbk"), "text/xml; charset=utf-8")
    assert "乡镇通知公告" in result.text


def test_declaration_says_gb2312_but_file_was_converted_to_utf8() -> None:
    text = '<?xml version="1.0" encoding="gb2312"?><rss><title>县政府工作动态</title></rss>'
    result = decode(text.encode("utf-8"))
    assert result.encoding == "utf-8"
    assert "县政府工作动态" in result.text


def test_meta_charset_in_html() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
    page += "<body>通知公告</body></html>"
    result = decode(page.encode("gb18030"))
    assert "通知公告" in result.text


def test_header_wins_over_meta_when_both_decode() -> None:
    page = '<html><head><meta charset="big5"></head><body>臺灣</body></html>'
    assert declared_charsets(page.encode("big5"), "text/html; charset=gb2312")[:2] == ["gb18030", "big5hkscs"]


def test_big5() -> None:
    page = '<html><head><meta charset="big5"></head><body>公告：颱風停班停課</body></html>'
    result = decode(page.encode("big5"))
    assert result.encoding == "big5hkscs"
    assert "颱風停班停課" in result.text


def test_invalid_bytes_become_replacement_not_failure() -> None:
    data = (
        '<?xml version="1.0" encoding="gb2312"?><t>通知'.encode("gbk")
        + b"\xff\xff"
        + "公告</t>".encode("gbk")
    )
    result = decode(data)
    assert result.replaced
    assert "通知" in result.text and "公告" in result.text and "\ufffd" in result.text


def test_damaged_utf8_stays_utf8() -> None:
    data = ("各乡镇：" * 40).encode("utf-8") + b"\xc3" + "请按时报送。".encode()
    result = decode(data, "text/html; charset=utf-8")
    assert result.encoding == "utf-8" and result.replaced
    assert "请按时报送" in result.text


def test_bom_less_utf16() -> None:
    data = '<?xml version="1.0" encoding="utf-16"?><rss><title>防汛通知</title></rss>'.encode("utf-16-le")
    assert "防汛通知" in decode(data).text


def test_bom_wins() -> None:
    data = b"\xef\xbb\xbf" + '<?xml version="1.0" encoding="gbk"?><t>通知</t>'.encode()
    result = decode(data)
    assert result.encoding == "utf-8" and "通知" in result.text


def test_aliases() -> None:
    assert normalise("GB2312") == "gb18030"
    assert normalise("x-gbk") == "gb18030"
    assert normalise("Big5") == "big5hkscs"
    assert normalise("ISO-8859-1") == "windows-1252"
    assert normalise("no-such-charset") is None
