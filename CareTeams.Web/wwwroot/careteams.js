// Small browser helpers for CareTeams (loaded once by App.razor).
window.careTeams = {
  submitForm: (form) => form.submit(),

  // Saves a file the circuit streams to the browser (the documented DotNetStreamReference pattern).
  downloadFromStream: async (fileName, streamReference) => {
    const buffer = await streamReference.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer]));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName ?? "";
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  },
};
