#!/usr/bin/env python3
"""Write an .xlsx workbook of DoT-layout IPDR rows (one sheet, shared strings,
numbers stored as numbers), for timing the workbook reader.

usage: scripts/gen-xlsx.py [--rows N] [--out PATH]   (default 100000 rows, big.xlsx)
"""
import argparse, zipfile, random
ap = argparse.ArgumentParser(description="Write an IPDR .xlsx workbook for benchmarks.")
ap.add_argument("--rows", type=int, default=100000)
ap.add_argument("--out", default="big.xlsx")
args = ap.parse_args()
N = args.rows
random.seed(1)
hdr=["Landline/MSISDN/MDN/Leased Circuit ID for Internet Access","Source IP Address","Source Port","Translated IP Address","Translated Port","Destination IP Address","Destination Port","Start Date of Public IP Address Allocation (dd/mm/yyyy)","Start Time of Public IP Address Allocation (hh:mm:ss)","Data Volume Up Link","Data Volume Down Link","Source MAC-ID/Other device ID","IMSI","First CELL ID"]
strings=[];idx={}
def si(s):
    if s not in idx: idx[s]=len(strings); strings.append(s)
    return idx[s]
def col(i):
    return chr(65+i)
rows=[]
def row(r,cells):
    out=[f'<row r="{r}">']
    for i,(t,v) in enumerate(cells):
        ref=f'{col(i)}{r}'
        if t=='s': out.append(f'<c r="{ref}" t="s"><v>{si(v)}</v></c>')
        else: out.append(f'<c r="{ref}"><v>{v}</v></c>')
    out.append('</row>'); return ''.join(out)
rows.append(row(1,[('s',h) for h in hdr]))
for r in range(2,N+2):
    rows.append(row(r,[('n',919800000000+random.randrange(50000)),('s',f'100.64.{random.randrange(256)}.{random.randrange(256)}'),('n',random.randrange(1024,65535)),('s',f'49.36.{random.randrange(4)}.{random.randrange(256)}'),('n',random.randrange(1024,65535)),('s',f'142.250.{random.randrange(256)}.{random.randrange(256)}'),('n',443),('s',f'{random.randrange(1,28):02d}/10/2025'),('s',f'{random.randrange(24):02d}:{random.randrange(60):02d}:{random.randrange(60):02d}'),('n',random.randrange(10**6)),('n',random.randrange(10**7)),('s',str(356938035643809+random.randrange(50000))),('s',str(404100000000000+random.randrange(50000))),('s',f'404-10-2330-{random.randrange(10**9)}')]))
sheet='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'+''.join(rows)+'</sheetData></worksheet>'
sst='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'%(len(strings),len(strings))+''.join(f'<si><t>{s}</t></si>' for s in strings)+'</sst>'
wb='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="IPDR" sheetId="1" r:id="rId1"/></sheets></workbook>'
rels='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
ct=('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
rootrels=('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')
with zipfile.ZipFile(args.out,'w',zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml',ct); z.writestr('_rels/.rels',rootrels); z.writestr('xl/workbook.xml',wb); z.writestr('xl/_rels/workbook.xml.rels',rels)
    z.writestr('xl/worksheets/sheet1.xml',sheet); z.writestr('xl/sharedStrings.xml',sst)
