// Why this file exists: the one place where a widget's own state (its linkState(), what its
// "Copy link" carries) becomes values of an exercise's allowed fields, so a student can answer
// by clicking in the widget instead of typing. Only widgets whose state holds an answer are
// listed; the core still checks every value the same way as a typed one.

// The value at a dotted path of a plain object (undefined when missing).
function at(object, path) {
  let value = object;
  for (const key of path.split('.')) value = value != null && typeof value === 'object' ? value[key] : undefined;
  return value;
}

const ADAPTERS = {
  // The start the reader clicked.
  'saddle-explorer': (state) => {
    const start = String(state.start ?? '').split(',').map(Number);
    return start.length === 2 && start.every(Number.isFinite) ? { start } : {};
  },
  // The scenario the core built from the playground's settings for its current run, read at
  // the allowed paths; one the scenario leaves out is null, the setting's default (the
  // playground writes no regularization when its menu says "none").
  playground: (state, allowed, element) => {
    const scenario = element.scenario;
    if (!scenario) return {};
    const values = {};
    for (const path of allowed) if (path !== 'steps') values[path] = at(scenario, path) ?? null;
    return values;
  },
};

// Whether the widget `name` can fill an exercise's answer.
export function widgetAnswers(name) { return name in ADAPTERS; }

// Values of the allowed fields from the widget element's current state ({} when it has none).
export function valuesFromWidget(name, element, allowed) {
  const adapter = ADAPTERS[name];
  if (!adapter || typeof element.linkState !== 'function') return {};
  const values = adapter(element.linkState(), allowed, element);
  return Object.fromEntries(Object.entries(values).filter(([path]) => allowed.includes(path)));
}
