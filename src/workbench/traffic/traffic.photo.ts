import sharp from 'sharp';

// The camera picture of a demo violation. No real photograph may appear in demo data, so the enforcement
// camera's frame is drawn: a road, the car in its lane, and the camera's caption (time, place code, plate
// letters) as cameras burn it in. Drawn once when the record is made and kept with it as a PNG.

const colours = ['#1f4e99', '#8a1c1c', '#2f6b3a', '#555f6d', '#b37a00', '#f2f2f2'];

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function drawCameraFrame(input: {
  plateLatin: string;
  occurredAt: Date;
  cameraCode: string;
  seed: number;
}): Promise<Buffer> {
  const car = colours[input.seed % colours.length]!;
  const x = 260 + (input.seed % 5) * 30;
  const stamp = input.occurredAt.toISOString().replace('T', ' ').slice(0, 19);
  const caption = escapeXml(`${stamp} UTC  CAM ${input.cameraCode}  ${input.plateLatin}`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">
  <rect width="640" height="360" fill="#7d8791"/>
  <rect y="0" width="640" height="90" fill="#b9c7d6"/>
  <polygon points="120,360 260,90 380,90 520,360" fill="#3b3f44"/>
  <polygon points="316,120 324,120 330,200 310,200" fill="#e8e8e8"/>
  <polygon points="306,240 334,240 342,330 298,330" fill="#e8e8e8"/>
  <rect x="140" y="250" width="360" height="8" fill="#f5f5f5"/>
  <rect x="${x}" y="180" width="120" height="80" rx="14" fill="${car}"/>
  <rect x="${x + 12}" y="190" width="96" height="30" rx="6" fill="#cfe3f5"/>
  <rect x="${x + 30}" y="236" width="60" height="16" fill="#1d4fa3"/>
  <rect x="0" y="326" width="640" height="34" fill="#000000" fill-opacity="0.7"/>
  <text x="12" y="349" font-family="DejaVu Sans Mono, monospace" font-size="16" fill="#ffffff">${caption}</text>
</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer();
}
