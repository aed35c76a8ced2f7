/** The bundled replacement background: a soft gradient with a few shapes, drawn (no file). */
export function paintBackground(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
): void {
  const g = ctx.createLinearGradient(0, 0, width, height);
  g.addColorStop(0, '#1e3a8a');
  g.addColorStop(0.5, '#0f766e');
  g.addColorStop(1, '#a16207');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, width, height);
  ctx.globalAlpha = 0.18;
  ctx.fillStyle = '#ffffff';
  for (let i = 0; i < 6; i++) {
    ctx.beginPath();
    ctx.arc(
      ((i * 37) % 100) * width * 0.01,
      ((i * 53) % 100) * height * 0.01,
      height * (0.08 + i * 0.03),
      0,
      Math.PI * 2,
    );
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}
