// Reads dlmc's TF.js exports with @tensorflow/tfjs (its pure-JavaScript CPU backend) in Node.
//
//     node check_tfjs.js WORK_DIR
//
// WORK_DIR as for check_exports.py; each model folder may hold tfjs/ (model.json and its
// shard). Prints one JSON line per model with the largest absolute difference from dlmc.
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

/** An IOHandler reading model.json and its shards from disk (tfjs's file:// loader needs tfjs-node). */
function fromFolder(dir) {
  return {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
      const specs = [].concat(...json.weightsManifest.map(g => g.weights));
      const data = Buffer.concat(json.weightsManifest.flatMap(g => g.paths.map(p => fs.readFileSync(path.join(dir, p)))));
      return {modelTopology: json.modelTopology, format: json.format, weightSpecs: specs,
              weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)};
    }
  };
}

function readIdx(file) {
  const data = fs.readFileSync(file);
  const rank = data[3];
  const dims = [];
  for (let i = 0; i < rank; i++) dims.push(data.readUInt32BE(4 + 4 * i));
  const pixels = data.subarray(4 + 4 * rank);
  return {dims, values: Float32Array.from(pixels, v => Math.fround(v / 255))};
}

(async () => {
  await tf.setBackend('cpu');
  const work = process.argv[2];
  const images = readIdx(path.join(work, 'images.idx'));
  const per = images.dims.slice(1).reduce((a, b) => a * b, 1);
  for (const name of fs.readdirSync(work).sort()) {
    const folder = path.join(work, name);
    if (!fs.statSync(folder).isDirectory() || !fs.existsSync(path.join(folder, 'tfjs'))) continue;
    const lines = fs.readFileSync(path.join(folder, 'predict.csv'), 'utf8').trim().split('\n').slice(1);
    const expected = lines.map(l => l.split(',').slice(2).map(Number));
    const n = expected.length;
    const model = await tf.loadLayersModel(fromFolder(path.join(folder, 'tfjs')));
    // Every input of a functional model reads the same images, reshaped to its shape.
    const xs = model.inputs.map(input => tf.tensor(images.values.subarray(0, n * per), [n].concat(input.shape.slice(1))));
    const got = model.predict(xs.length > 1 ? xs : xs[0]).arraySync();
    let max = 0;
    for (let i = 0; i < n; i++) for (let c = 0; c < expected[i].length; c++) max = Math.max(max, Math.abs(got[i][c] - expected[i][c]));
    console.log(JSON.stringify({model: name, format: 'tfjs', samples: n, max_abs_diff: max}));
  }
})().catch(e => { console.error(e); process.exit(1); });
