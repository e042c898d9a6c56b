// Generated samples shared by the format tests: a PDF briefing with the conventions a PDF reader must handle.
import type { PdfPage } from "../../scripts/formats/pdf-writer.js";

const HEAD = "Harbour Authority — briefing of 3 May 2023";

/** A three-page briefing with running heads, page numbers, hyphenation and labels at line starts without blank lines. */
export function briefingPdfPages(): PdfPage[] {
  return [
    {
      header: HEAD,
      footer: "Page 1 of 3",
      lines: [
        "Briefing on the harbour dredging",
        { text: "Present: Ana Moreno, Director of the Harbour, and David Okafor, Director of Operations.", gapBefore: 1 },
        { text: "Island Gazette reporter: When does the dredging of the channel start?", gapBefore: 1 },
        "Ana Moreno: The dredging starts in June. The chan-",
        "nel will be two metres deeper, and the well-",
      ],
    },
    {
      header: HEAD,
      footer: "Page 2 of 3",
      lines: ["known sandbar at the mouth goes first. Large con-", "tainer ships can then berth at any tide.", "Island Gazette reporter: What does it cost?", "David Okafor: Eleven million over two years."],
    },
    { header: HEAD, footer: "Page 3 of 3", lines: ["Moderator: That concludes the briefing."] },
  ];
}

