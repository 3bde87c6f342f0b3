// Reads a JSON array of English sentences on stdin; prints, for each, the ages Microsoft.Recognizers.Text finds:
// [[{"value":"15","start":7,"end":18}], ...]. Finds node_modules by walking up to the folder holding Hotline.sln.
'use strict';
const fs = require('fs');
const path = require('path');

function repositoryRoot(from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'Hotline.sln'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

const root = repositoryRoot(__dirname) || repositoryRoot(process.cwd());
if (!root) {
  console.error('Hotline.sln not found above ' + __dirname);
  process.exit(2);
}
const suite = path.join(root, 'node_modules', '@microsoft', 'recognizers-text-suite');
if (!fs.existsSync(suite)) {
  console.error(`@microsoft/recognizers-text-suite is not installed in ${path.join(root, 'node_modules')}: run "npm ci" at ${root} (infra/test does)`);
  process.exit(3);
}
const Recognizers = require(suite);

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const sentences = JSON.parse(input);
  const results = sentences.map((s) =>
    Recognizers.recognizeAge(s, Recognizers.Culture.English).map((r) => ({ value: String(r.resolution.value), start: r.start, end: r.end })));
  process.stdout.write(JSON.stringify(results));
});
