// Progressive enhancement of the assessment grid: the score so far as grades are chosen, worked out on the
// server with the same rule as "Check the score". Without JavaScript that step shows it.
const form = document.querySelector('form[data-module="app-score-preview"]');
const output = document.getElementById('score-preview');

async function update() {
  const response = await fetch(form.dataset.previewUrl, {
    method: 'POST',
    headers: { accept: 'application/json' },
    body: new URLSearchParams(new FormData(form)),
  });
  if (!response.ok) return;
  const preview = await response.json();
  output.textContent = preview.complete
    ? `Score so far: ${preview.riskScore} (${preview.priority})`
    : 'Grade every element to see the score so far.';
}

if (form && output) {
  output.hidden = false;
  form.addEventListener('change', () => {
    update().catch(() => undefined);
  });
  update().catch(() => undefined);
}
