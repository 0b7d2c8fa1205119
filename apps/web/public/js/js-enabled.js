// Loaded at the start of <body> (no inline scripts): marks the page so GOV.UK Frontend styles its JS enhancements.
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
