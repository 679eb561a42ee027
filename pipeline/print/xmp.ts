/**
 * XMP metadata of a PDF: title, language, author, subject, keywords and
 * dates as the document information has them, and the PDF/UA-1
 * identification (`pdfuaid:part 1`). Pure.
 */
/** Metadata of one PDF. */
export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  /** `YYYY-MM-DD`: creation and modification date. */
  date: string;
}

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The XMP packet (UTF-8) of one PDF; the same metadata gives the same bytes. */
export function xmpMetadata(meta: PdfMetadata): string {
  const date = `${meta.date}T00:00:00Z`;
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${esc(text)}</rdf:li></rdf:Alt>`;
  return `<?xpacket begin="\u{feff}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title>${alt(meta.title)}</dc:title>
<dc:creator><rdf:Seq><rdf:li>${esc(meta.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description>${alt(meta.subject)}</dc:description>
<dc:language><rdf:Bag><rdf:li>${esc(meta.language)}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>${esc(meta.keywords.join(' '))}</pdf:Keywords>
<pdf:Producer>statement-pipeline (Chromium, pdf-lib)</pdf:Producer>
<xmp:CreatorTool>statement-pipeline</xmp:CreatorTool>
<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
<xmp:MetadataDate>${date}</xmp:MetadataDate>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
