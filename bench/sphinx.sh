#!/usr/bin/env bash
# Writes the Sphinx project bench/run.sh times against tcpstory: bench/sphinx.sh WORK_DIR PLANTUML_JAR
# Reads WORK_DIR/content (a course from bench/corpus.sh) and WORK_DIR/puml (its diagrams, exported by
# `tcpstory diagrams --format puml`), writes WORK_DIR/sphinx: a page per chapter, read by MyST from the
# chapter's own Markdown, with the chapter's sequence and state diagrams after its prose in `uml`
# directives, which sphinxcontrib-plantuml draws as SVG (with a PNG fallback) by running PlantUML, the jar
# tcpstory uses, once per distinct diagram and format; and an index page with a table of contents.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: bench/sphinx.sh WORK_DIR PLANTUML_JAR" >&2; exit 2; }
WORK=$1
PLANTUML=$2
out="$WORK/sphinx"
rm -rf "$out"
mkdir -p "$out"

# sphinxcontrib-plantuml 0.5 (Debian's) has no batch mode: it pipes each diagram into a JVM of its own.
# Its "svg" output draws a PNG too, as the fallback inside the page's <object>: that is how it is used.
cat >"$out/conf.py" <<EOF
project = "bench"
language = "zh_CN"
extensions = ["myst_parser", "sphinxcontrib.plantuml"]
plantuml = "java -jar $PLANTUML"
plantuml_output_format = "svg"
exclude_patterns = ["_build"]


def setup(app):
    # Pygments knows no \`tcp\` language: the event blocks are shown as plain text, without a warning each.
    from pygments.lexers.special import TextLexer
    app.add_lexer("tcp", TextLexer)
EOF

title() { sed -n '2,/^---$/ s/^title:[[:space:]]*//p' "$1" | head -1; }

{
  echo "# $(title "$WORK/content/_index.md")"
  echo
  echo '```{toctree}'
  echo ':maxdepth: 1'
  echo
  for chapter in "$WORK"/content/[!_]*.md; do
    basename "$chapter" .md
  done
  echo '```'
} >"$out/index.md"

# Each chapter: its title as the heading, its Markdown without the front matter (which MyST would read as
# fields of the page, not as its title), then its diagrams as tcpstory exports them.
for chapter in "$WORK"/content/[!_]*.md; do
  name=$(basename "$chapter" .md)
  slug=${name#*-}
  {
    echo "# $(title "$chapter")"
    awk 'NR == 1 && /^---$/ { front = 1; next } front && /^---$/ { front = 0; next } !front' "$chapter"
    for kind in sequence states; do
      echo
      echo '```{uml}'
      cat "$WORK/puml/$slug-$kind.puml"
      echo '```'
    done
  } >"$out/$name.md"
done
