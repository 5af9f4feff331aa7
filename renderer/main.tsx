document.getElementById("root")!.textContent = "Ciclo";
