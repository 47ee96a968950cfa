"""XlsxWriter's shared-string table written in runs instead of string by string.

A year's detail sheet registers ~20,000 distinct strings (mostly notes); XlsxWriter writes each
through ``_write_si`` (three regular expressions and a formatted write apiece). A string none of
whose special cases applies is written as ``<si><t>…</t></si>`` by it in any case, so runs of
such strings are joined at once and every other string still goes through ``_write_si``.
"""

from __future__ import annotations

import re

from xlsxwriter.packager import Packager
from xlsxwriter.sharedstrings import SharedStrings

# Whatever makes _write_si do more than wrap the text: characters XML escapes, control
# characters and literal _xHHHH_ escapes, leading or trailing whitespace (its own ``^\s`` and
# ``\s$``, the latter also before a final newline), rich strings (they start with "<r>").
_NEEDS_WRITE_SI = re.compile(r"[&<>\x00-\x08\x0b-\x1f]|_x[0-9a-fA-F]{4}_|^\s|\s$")


class _RunSharedStrings(SharedStrings):
    def _write_sst_strings(self) -> None:
        write = self.fh.write
        plain: list[str] = []
        needs_care = _NEEDS_WRITE_SI.search
        for string in self.string_table.string_array:
            if needs_care(string):
                if plain:
                    write("<si><t>" + "</t></si><si><t>".join(plain) + "</t></si>")
                    plain = []
                self._write_si(string)
            else:
                plain.append(string)
        if plain:
            write("<si><t>" + "</t></si><si><t>".join(plain) + "</t></si>")


class RunStringsPackager(Packager):
    """XlsxWriter's packager (its workbook's ``_get_packager`` is the documented hook) with
    the shared strings written in runs."""

    def _write_shared_strings_file(self) -> None:
        sst = _RunSharedStrings()
        sst.string_table = self.workbook.str_table
        if not self.workbook.str_table.count:
            return
        sst._set_xml_writer(self._filename("xl/sharedStrings.xml"))
        sst._assemble_xml_file()
