// Photo comparison: without script the two photos stand side by side; with it they are stacked and a slider
// uncovers the later one from the left (arrow keys move the slider too: it is a native range input).
(() => {
    const compare = document.querySelector("[data-compare]");
    const control = document.querySelector("[data-compare-control]");
    const slider = document.querySelector("[data-compare-slider]");
    if (!compare || !control || !slider) {
        return;
    }

    compare.classList.add("compare--stacked");
    control.hidden = false;
    const show = () => compare.style.setProperty("--split", `${slider.value}%`);
    slider.addEventListener("input", show);
    show();
})();
