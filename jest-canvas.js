// Grafana's Combobox and MultiCombobox size their menus with a canvas' measureText. jsdom has no canvas, and
// .config/jest-setup.js makes getContext return null. Every component test here gets a 2D context that measures
// 7 px per character.
HTMLCanvasElement.prototype.getContext = function getContext() {
  return { font: '', measureText: (t) => ({ width: String(t).length * 7 }) };
};
