// The peer's type definitions: rendered from ipgraph's graph model (graph/model.py) by
// bench/typedefs.py, never written by hand. `ipgraph bench --peer` writes them to a
// temporary file and passes it as `--typedefs FILE`; without a file they are rendered
// now, by the repository's Python (`.venv/bin/python`, else `uv run python`):
//
//   uv run python -m bench.typedefs            # print them
//   uv run python -m bench.typedefs FILE       # write them to FILE
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function render() {
  const venv = fileURLToPath(new URL("../../.venv/bin/python", import.meta.url));
  const [command, args] = existsSync(venv)
    ? [venv, ["-m", "bench.typedefs"]]
    : ["uv", ["run", "--quiet", "python", "-m", "bench.typedefs"]];
  try {
    return execFileSync(command, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  } catch (err) {
    throw new Error(`cannot render the type definitions (${command} -m bench.typedefs): ${err.message}`);
  }
}

// The type definitions in `file` (SDL text), or, without one, rendered from the model.
export function loadTypeDefs(file) {
  return file ? readFileSync(file, "utf8") : render();
}
