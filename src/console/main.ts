/** The console's entry (index.html): defines <lantoa-console> and its pages. */
import './console-app.js';
