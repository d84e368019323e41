// Why this file exists: a light 3-D view of a slice (the heatmap stays the exact picture):
// the grid as shaded quadrilaterals on a canvas, drawn back to front (painter's algorithm),
// rotated by dragging or by the arrow keys. Heights are log(loss / lowest), scaled to the
// box, so a deep narrow minimum and a wide one fit the same view. No allocation per quad
// beyond one sort; a 51 x 51 grid draws in a few milliseconds.
import { MARK_COLORS, SEQUENTIAL_MAP } from '../kit/palettes.js';
const SIDE = 420;

export class Surface3d {
  constructor(container, { label = '3-D view of the slice' } = {}) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = SIDE;
    this.canvas.height = SIDE;
    this.canvas.className = 'surface-3d';
    this.canvas.dataset.role = 'surface-3d';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.label = label;
    container.append(this.canvas);
    this.yaw = -0.7;
    this.pitch = 0.9;
    this.describe();
    this.grid = null;
    let last = null;
    this.canvas.addEventListener('pointerdown', (e) => { last = [e.clientX, e.clientY]; this.canvas.setPointerCapture(e.pointerId); });
    this.canvas.addEventListener('pointermove', (e) => {
      if (!last) return;
      this.rotate((e.clientX - last[0]) * 0.01, (e.clientY - last[1]) * 0.01);
      last = [e.clientX, e.clientY];
    });
    this.canvas.addEventListener('pointerup', () => (last = null));
    this.canvas.addEventListener('keydown', (e) => {
      const turns = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] }[e.key];
      if (!turns) return;
      e.preventDefault();
      this.rotate(...turns);
    });
  }

  rotate(yaw, pitch) {
    this.yaw += yaw;
    this.pitch = Math.min(1.5, Math.max(0.1, this.pitch + pitch));
    this.onRotate?.();
    this.draw();
    this.describe();
  }

  // The text alternative: what is drawn and from where it is seen.
  describe() {
    const degrees = (radians) => Math.round((radians * 180) / Math.PI);
    this.canvas.dataset.view = `${degrees(this.yaw)},${degrees(this.pitch)}`;
    this.canvas.setAttribute('aria-label', `${this.label}: heights log(loss / lowest loss), coloured like the heatmap (dark low, yellow high); turned ${degrees(this.yaw)}°, seen from ${degrees(this.pitch)}° above. Drag or use the arrow keys to rotate.`);
  }

  // grid: {nx, ny, values (rows from the top; NaN where not computed yet)}.
  setGrid(grid) {
    this.grid = grid;
    this.draw();
  }

  draw() {
    const grid = this.grid;
    const context = this.canvas.getContext('2d');
    context.clearRect(0, 0, SIDE, SIDE);
    if (!grid) return;
    const { nx, ny, values } = grid;
    let lowest = Infinity;
    for (const v of values) if (v > 0 && v < lowest) lowest = v;
    const heights = Float64Array.from(values, (v) => (v > 0 ? Math.log(v / lowest) : NaN));
    let top = 0;
    for (const h of heights) if (h > top) top = h;
    top ||= 1;
    const cy = Math.cos(this.yaw), sy = Math.sin(this.yaw), cp = Math.cos(this.pitch), sp = Math.sin(this.pitch);
    // Grid to [-1, 1]^2, height to [-0.4, 0.4]; turn about the vertical by yaw, then look from
    // an elevation of `pitch`: screen up is (0, sin p, cos p), depth along (0, cos p, -sin p).
    const project = (i, j) => {
      const x = (2 * j) / (nx - 1) - 1, y = 1 - (2 * i) / (ny - 1), z = (0.8 * heights[i * nx + j]) / top - 0.4;
      const xr = cy * x - sy * y, yr = sy * x + cy * y;
      return [SIDE / 2 + xr * SIDE * 0.33, SIDE / 2 - (yr * sp + z * cp) * SIDE * 0.33, yr * cp - z * sp];
    };
    const points = [];
    for (let i = 0; i < ny; i++) for (let j = 0; j < nx; j++) points.push(project(i, j));
    const quads = [];
    for (let i = 0; i + 1 < ny; i++) for (let j = 0; j + 1 < nx; j++) {
      const k = i * nx + j, corners = [k, k + 1, k + nx + 1, k + nx];
      if (corners.some((c) => !Number.isFinite(heights[c]))) continue;
      quads.push({ corners, depth: corners.reduce((d, c) => d + points[c][2], 0), h: corners.reduce((d, c) => d + heights[c], 0) / 4 });
    }
    quads.sort((a, b) => b.depth - a.depth); // far first
    context.lineWidth = 0.4;
    context.strokeStyle = MARK_COLORS.contour;
    for (const q of quads) {
      // 0: the lowest loss .. 1: the highest, in the heatmap's sequential map (kit/palettes.js).
      context.fillStyle = SEQUENTIAL_MAP(q.h / top);
      context.beginPath();
      q.corners.forEach((c, n) => (n ? context.lineTo(points[c][0], points[c][1]) : context.moveTo(points[c][0], points[c][1])));
      context.closePath();
      context.fill();
      context.stroke();
    }
  }
}
