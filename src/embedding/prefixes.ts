/**
 * Some embedding models were trained with instructions in front of the text and retrieve worse
 * without them; MiniLM and most others want none.
 */
export function prefixesFor(modelId: string): { query: string; passage: string } {
  const id = modelId.toLowerCase();
  // e5 (intfloat/e5-*, multilingual-e5-*): both sides are marked.
  if (/(^|[/_-])e5([_-]|$)/.test(id)) return { query: "query: ", passage: "passage: " };
  // bge English/Chinese v1/v1.5: only queries get the instruction; bge-m3 was trained without one.
  if (id.includes("bge") && !id.includes("bge-m3")) {
    return { query: "Represent this sentence for searching relevant passages: ", passage: "" };
  }
  return { query: "", passage: "" };
}
