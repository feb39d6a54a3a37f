// Tiny DOM helpers, so the other modules read as "what" rather than "how".

/**
 * Creates an element. Props: `class`, `dataset` (an object), `onclick`-style listeners,
 * and anything else as a property (if the element has it) or an attribute.
 *   el('span', { class: 'tag', dataset: { state: 'ok' } }, 'text', otherNode)
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') {
      node.className = value;
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key.startsWith('on')) {
      node.addEventListener(key.slice(2), value);
    } else if (key in node) {
      node[key] = value;
    } else {
      node.setAttribute(key, value);
    }
  }
  node.append(...children.filter((child) => child != null));
  return node;
}

/** Sets the text only when it changed, so nothing is repainted needlessly. */
export function setText(node, text) {
  const value = String(text ?? '');
  if (node.textContent !== value) {
    node.textContent = value;
  }
}

/** Sets a data-* attribute (null becomes the empty string) only when it changed. */
export function setData(node, name, value) {
  const text = value == null ? '' : String(value);
  if (node.dataset[name] !== text) {
    node.dataset[name] = text;
  }
}

/** Sets an inline style property only when it changed (keeps CSS animations running). */
export function setStyle(node, property, value) {
  if (node.style[property] !== value) {
    node.style[property] = value;
  }
}
