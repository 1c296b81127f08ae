#!/usr/bin/env python3
"""Regenerates Resources/Messages.resx (zh-CN, the neutral language) and Messages.en.resx from messages.tsv.
The TSV is the one place to add or change a message; run this after editing it."""
import os, sys
from xml.sax.saxutils import escape
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "Docket.Web", "Resources")
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(here, "messages.tsv"), encoding="utf-8")][1:]
keys = set()
for r in rows:
    if len(r) != 3 or not all(r): sys.exit("bad row: %r" % (r,))
    if r[0] in keys: sys.exit("duplicate key " + r[0])
    keys.add(r[0])
head = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
for col, name in ((1, "Messages.resx"), (2, "Messages.en.resx")):
    with open(os.path.join(here, name), "w", encoding="utf-8") as f:
        f.write(head)
        for r in rows:
            f.write('  <data name="%s" xml:space="preserve"><value>%s</value></data>\n' % (escape(r[0], {'"': "&quot;"}), escape(r[col])))
        f.write("</root>\n")
print("%d messages" % len(rows))
