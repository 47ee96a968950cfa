"""The shared-string table written in runs equals XlsxWriter's own, string for string."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from xlsxwriter.sharedstrings import SharedStrings, SharedStringTable

from cadre_desk.services.reports.xlsx_strings import _RunSharedStrings

PIECES = st.sampled_from(
    [
        "县融媒体中心",
        "学习打卡",
        "a",
        " ",
        "\t",
        "\n",
        "&",
        "<",
        ">",
        '"',
        "<r>",
        "</r>",
        "_x0041_",
        "_x00",
        "\x01",
        "\x1f",
        "\x7f",
        "\u3000",
        "\xa0",
        "🙂",
        "_x005F_",
    ]
)
STRINGS = st.lists(PIECES, min_size=0, max_size=6).map("".join) | st.text(max_size=12)


def _sst(writer: SharedStrings, strings: list[str]) -> str:
    table = SharedStringTable()
    for string in strings:
        table._get_shared_string_index(string)
    table._sort_string_data()  # as the workbook does before packing: fills string_array
    writer.string_table = table
    out = io.StringIO()
    writer._set_filehandle(out)
    writer._assemble_xml_file()
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(st.lists(STRINGS, min_size=1, max_size=40, unique=True))
def test_runs_equal_xlsxwriter_string_by_string(strings: list[str]) -> None:
    written = _sst(_RunSharedStrings(), strings)
    assert written == _sst(SharedStrings(), strings)
    assert written.count("<si>") == len(strings)


def test_plain_strings_go_in_one_run_and_the_others_through_xlsxwriter() -> None:
    strings = ["学习打卡", "备注 一", " 前导空格", "a&b", "结尾换行\n", "_x0041_", "<r><t>富</t></r>", "末尾"]
    written = _sst(_RunSharedStrings(), strings)
    assert written == _sst(SharedStrings(), strings)
    assert "<si><t>学习打卡</t></si><si><t>备注 一</t></si>" in written
    assert '<t xml:space="preserve"> 前导空格</t>' in written and "a&amp;b" in written
    assert "_x005F_x0041_" in written
