// Small browser helpers for CareTeams (loaded once by App.razor).
window.careTeams = {
  submitForm: (form) => form.submit(),
};
