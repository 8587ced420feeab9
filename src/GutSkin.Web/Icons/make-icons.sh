#!/bin/sh
# Makes the installed app's icons (wwwroot/icons/*.png) from the favicon, wwwroot/favicon.svg, with rsvg-convert
# (Debian: apt-get install librsvg2-bin; works offline). Run it after changing the favicon and commit the PNGs.
set -eu
cd "$(dirname "$0")/.."
favicon=wwwroot/favicon.svg
out=wwwroot/icons
mkdir -p "$out"

# "any": the round favicon on a transparent square, as a browser tab or a desktop shortcut shows it.
for size in 192 512; do
  rsvg-convert --width "$size" --height "$size" "$favicon" --output "$out/icon-$size.png"
done

# "maskable": a phone's launcher cuts the icon to its own shape and keeps only the middle 80 %. The whole square
# takes the favicon's green (its first fill) and the face sits well inside the safe zone.
green=$(grep -o 'fill="#[0-9a-fA-F]*"' "$favicon" | head -n 1 | cut -d '"' -f 2)
maskable=$(mktemp --suffix=.svg)
trap 'rm -f "$maskable"' EXIT
{
  printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="%s"/>' "$green"
  sed 's/<svg /<svg x="4" y="4" width="24" height="24" /' "$favicon"
  printf '</svg>\n'
} > "$maskable"
for size in 192 512; do
  rsvg-convert --width "$size" --height "$size" "$maskable" --output "$out/maskable-$size.png"
done

# iOS ignores the manifest's icons for the home screen and rounds the corners itself: the full-bleed design, 180 px.
rsvg-convert --width 180 --height 180 "$maskable" --output "$out/apple-touch-icon.png"
