// Why this file exists: the entry of teacher.html (web/src/exercises/teacher-view.js).
import './widgets.js';
import { TeacherView } from './exercises/teacher-view.js';
import { wordsOf } from './kit/catalog.js';

const root = document.getElementById('teacher');
const view = new TeacherView(root, `${location.origin}${location.pathname}`);
view.load().then(() => {
  root.dataset.ready = 'true';
}, async (error) => {
  const message = document.createElement('p');
  message.className = 'verdict failed';
  message.setAttribute('role', 'alert');
  message.textContent = await wordsOf(error);
  root.prepend(message);
});
