// Renders LaTeX to HTML with KaTeX for ./course post (tools/post.py).
// stdin: JSON [{"tex": "...", "display": true|false}, ...]; stdout: JSON ["<span class=katex>...", ...].
// A formula KaTeX cannot parse is rendered as its source in red with the parser's message as a
// tooltip (throwOnError: false), so one typo never stops an export.
"use strict";
const katex = require("katex");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const items = JSON.parse(input);
  const out = items.map(({ tex, display }) =>
    katex.renderToString(tex, { displayMode: display, throwOnError: false, output: "html", strict: "ignore" })
  );
  process.stdout.write(JSON.stringify(out));
});
