// Rivulet run report: draws the timeline, the graph and the table of runs from the inline data,
// only the rows and nodes in view, and the details of the run clicked. Text from the record goes
// into the page only through textContent: nothing in it is parsed as markup.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('rivulet-data').textContent);
  const runs = data.runs;
  const flows = data.flows;
  const edgeCount = data.edges.length / 3;
  const upstream = runs.map(() => []);
  const downstream = runs.map(() => []);
  for (let e = 0; e < edgeCount; e++) {
    const from = data.edges[3 * e];
    const to = data.edges[3 * e + 1];
    upstream[to].push(from);
    downstream[from].push(to);
  }
  const span = Math.max(data.span, 1);
  let selected = -1;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function stateOf(run) {
    return data.states[run.s];
  }

  function duration(micros) {
    const abs = Math.abs(micros);
    if (abs < 1e3) return Math.round(micros) + ' \u00b5s';
    if (abs < 1e6) return (micros / 1e3).toFixed(1) + ' ms';
    const seconds = Math.trunc(micros / 1e6);
    if (Math.abs(seconds) < 60) return (micros / 1e6).toFixed(2) + ' s';
    if (Math.abs(seconds) < 3600) return Math.trunc(seconds / 60) + ' min ' + (seconds % 60) + ' s';
    return Math.trunc(seconds / 3600) + ' h ' + Math.trunc((seconds % 3600) / 60) + ' min';
  }

  function time(micros) {
    if (micros === undefined) return '\u2014';
    return new Date(data.originMillis + micros / 1e3).toISOString() + ' (+' + duration(micros) + ')';
  }

  /** When the run's last upstream run ended: from then until its start it waited for a thread. */
  function readyAt(index) {
    let ready;
    for (const up of upstream[index]) {
      const end = runs[up].e;
      if (end !== undefined && (ready === undefined || end > ready)) ready = end;
    }
    return ready;
  }

  function failureText(failure) {
    return failure.m === undefined ? failure.c : failure.c + ': ' + failure.m;
  }

  function failedAttempts(run) {
    const failed = new Set();
    for (const failure of run.x || []) failed.add(failure.a);
    return failed;
  }

  /** A scrolled view that holds one element per row in view, drawn again as it scrolls. */
  function rowView(view, rowHeight, draw) {
    const spacer = el('div', 'spacer');
    spacer.style.height = runs.length * rowHeight + 'px';
    fitHeight(view, runs.length * rowHeight);
    const layer = el('div', 'rows');
    spacer.appendChild(layer);
    view.appendChild(spacer);
    const overscan = 10;
    function render() {
      const first = Math.max(0, Math.floor(view.scrollTop / rowHeight) - overscan);
      const last = Math.min(runs.length, Math.ceil((view.scrollTop + view.clientHeight) / rowHeight) + overscan);
      layer.style.transform = 'translateY(' + first * rowHeight + 'px)';
      const rows = [];
      for (let i = first; i < last; i++) {
        const row = draw(i);
        row.dataset.run = i;
        row.style.height = rowHeight + 'px';
        if (i === selected) row.classList.add('selected');
        rows.push(row);
      }
      layer.replaceChildren(...rows);
    }
    redrawOnScroll(view, render);
    return {
      render,
      reveal(index) {
        const top = index * rowHeight;
        if (top < view.scrollTop || top + rowHeight > view.scrollTop + view.clientHeight) {
          view.scrollTop = top - view.clientHeight / 2;
        }
        render();
      },
      drawn: () => layer.childElementCount,
    };
  }

  /** Draws the view now, and again at the next frame after it scrolls (once per frame however many scroll events come). */
  function redrawOnScroll(view, render) {
    let pending = false;
    view.addEventListener('scroll', () => {
      if (!pending) {
        pending = true;
        requestAnimationFrame(() => {
          pending = false;
          render();
        });
      }
    });
    render();
  }

  /** A view no taller than what it holds (and its horizontal scroll bar). */
  function fitHeight(view, contentHeight) {
    const limit = parseFloat(getComputedStyle(view).height);
    const wanted = contentHeight + (view.offsetHeight - view.clientHeight) + 2;
    if (wanted < limit) view.style.height = wanted + 'px';
  }

  function percent(micros) {
    return (100 * micros / span) + '%';
  }

  function timelineRow(index) {
    const run = runs[index];
    const row = el('div', 'row s-' + stateOf(run));
    const label = el('div', 'label', run.n);
    label.title = run.n;
    if (run.sf !== undefined) label.appendChild(el('span', 'tag', 'subflow'));
    if (stateOf(run) === 'CACHED') label.appendChild(el('span', 'tag cache', 'cache hit'));
    row.appendChild(label);
    const track = el('div', 'track');
    row.appendChild(track);
    if (run.b === undefined) {
      if (run.e !== undefined) {
        const mark = el('div', 'mark');
        mark.style.left = percent(run.e);
        mark.title = stateOf(run) + ' without starting';
        track.appendChild(mark);
      }
      return row;
    }
    // Queued: from its creation (older records: its last upstream's end) to its start.
    const queuedFrom = run.c !== undefined ? run.c : readyAt(index);
    if (queuedFrom !== undefined && queuedFrom < run.b) {
      const wait = el('div', 'wait');
      wait.style.left = percent(queuedFrom);
      wait.style.width = percent(run.b - queuedFrom);
      wait.title = 'queued ' + duration(run.b - queuedFrom) + (run.c !== undefined
        ? ' (submitted, waiting for its upstream runs and a thread)' : ' after its upstream runs ended');
      track.appendChild(wait);
    }
    const starts = run.a && run.a.length ? run.a : [run.b];
    const end = run.e === undefined ? span : run.e;
    const failed = failedAttempts(run);
    for (let k = 0; k < starts.length; k++) {
      const segmentEnd = k + 1 < starts.length ? starts[k + 1] : end;
      const segment = el('div', failed.has(k + 1) ? 'seg failed-attempt' : 'seg');
      segment.style.left = percent(starts[k]);
      segment.style.width = percent(Math.max(segmentEnd - starts[k], 0));
      segment.title = 'attempt ' + (k + 1) + ': ' + duration(segmentEnd - starts[k]);
      track.appendChild(segment);
    }
    return row;
  }

  function timelineAxis() {
    const axis = document.getElementById('timeline-axis');
    const step = niceStep(span / 8);
    for (let t = 0; t <= span; t += step) {
      const tick = el('span', null, '+' + duration(t));
      tick.style.left = percent(t);
      axis.appendChild(tick);
    }
  }

  function niceStep(rough) {
    const power = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1))));
    for (const factor of [1, 2, 5, 10]) {
      if (factor * power >= rough) return factor * power;
    }
    return 10 * power;
  }

  const COLUMNS = ['name', 'task or flow', 'flow run', 'state', 'attempts', 'started', 'duration', 'result or error'];

  function tableRow(index) {
    const run = runs[index];
    const row = el('div', 'row cells');
    const state = el('span', 'state s-' + stateOf(run), stateOf(run));
    const cells = [
      el('div', null, run.n),
      el('div', null, (run.sf !== undefined ? 'subflow ' : '') + run.t),
      el('div', null, flows[run.f].name),
      el('div'),
      el('div', null, run.sf !== undefined ? flows[run.sf].attempts : (run.a || []).length),
      el('div', null, run.b === undefined ? '\u2014' : '+' + duration(run.b)),
      el('div', null, run.b === undefined || run.e === undefined ? '\u2014' : duration(run.e - run.b)),
      run.err !== undefined ? el('div', 'err', run.err) : el('div', null, run.r !== undefined ? run.r : run.art !== undefined ? run.art : ''),
    ];
    cells[3].appendChild(state);
    cells[0].title = run.n;
    cells[7].title = cells[7].textContent;
    row.append(...cells);
    return row;
  }

  function tableHead() {
    const head = document.getElementById('table-head');
    for (const column of COLUMNS) head.appendChild(el('div', null, column));
  }

  /** The graph: a viewport-sized SVG kept over the scrolled area, holding the nodes and edges in view. */
  function graphView(view) {
    const COLUMN = 210;
    const ROW = 30;
    const NODE_WIDTH = 180;
    const NODE_HEIGHT = 22;
    const MARGIN = 10;
    const SVG = 'http://www.w3.org/2000/svg';
    const spacer = el('div', 'spacer');
    spacer.style.width = data.layers * COLUMN + 2 * MARGIN + 'px';
    spacer.style.height = data.slots * ROW + 2 * MARGIN + 'px';
    fitHeight(view, data.slots * ROW + 2 * MARGIN);
    view.appendChild(spacer);
    const svg = document.createElementNS(SVG, 'svg');
    spacer.appendChild(svg);
    const x = (index) => MARGIN + runs[index].l * COLUMN;
    const y = (index) => MARGIN + runs[index].y * ROW;
    let drawnNodes = 0;

    function svgElement(tag, attributes) {
      const node = document.createElementNS(SVG, tag);
      for (const name in attributes) node.setAttribute(name, attributes[name]);
      return node;
    }

    function render() {
      const left = view.scrollLeft;
      const top = view.scrollTop;
      const width = view.clientWidth;
      const height = view.clientHeight;
      svg.setAttribute('width', width);
      svg.setAttribute('height', height);
      svg.style.left = left + 'px';
      svg.style.top = top + 'px';
      const inView = (x1, y1, x2, y2) => x2 >= left && x1 <= left + width && y2 >= top && y1 <= top + height;
      const scene = svgElement('g', {transform: 'translate(' + -left + ',' + -top + ')'});
      for (let e = 0; e < edgeCount; e++) {
        const from = data.edges[3 * e];
        const to = data.edges[3 * e + 1];
        const x1 = x(from) + NODE_WIDTH;
        const y1 = y(from) + NODE_HEIGHT / 2;
        const x2 = x(to);
        const y2 = y(to) + NODE_HEIGHT / 2;
        if (!inView(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2))) continue;
        const bend = Math.max(Math.abs(x2 - x1) / 2, 20);
        const path = svgElement('path', {d: 'M' + x1 + ',' + y1 + ' C' + (x1 + bend) + ',' + y1 + ' ' + (x2 - bend) + ',' + y2 + ' ' + x2 + ',' + y2});
        path.setAttribute('class', 'k-' + data.edgeKinds[data.edges[3 * e + 2]] + (from === selected || to === selected ? ' hot' : ''));
        scene.appendChild(path);
      }
      drawnNodes = 0;
      for (let i = 0; i < runs.length; i++) {
        const nx = x(i);
        const ny = y(i);
        if (!inView(nx, ny, nx + NODE_WIDTH, ny + NODE_HEIGHT)) continue;
        const run = runs[i];
        const node = svgElement('g', {transform: 'translate(' + nx + ',' + ny + ')'});
        node.setAttribute('class', 'node s-' + stateOf(run) + (run.sf !== undefined ? ' subflow' : '') + (i === selected ? ' selected' : ''));
        node.dataset.run = i;
        const title = svgElement('title', {});
        title.textContent = run.n + ' (' + stateOf(run) + ')';
        node.appendChild(title);
        node.appendChild(svgElement('rect', {class: 'outer', width: NODE_WIDTH, height: NODE_HEIGHT, rx: 4}));
        node.appendChild(svgElement('rect', {class: 'fill', width: 6, height: NODE_HEIGHT, rx: 2}));
        const label = svgElement('text', {x: 11, y: 15});
        label.textContent = run.n.length > 26 ? run.n.slice(0, 25) + '\u2026' : run.n;
        node.appendChild(label);
        scene.appendChild(node);
        drawnNodes++;
      }
      svg.replaceChildren(scene);
    }
    redrawOnScroll(view, render);
    return {
      render,
      reveal(index) {
        const nx = x(index);
        const ny = y(index);
        if (nx < view.scrollLeft || nx + NODE_WIDTH > view.scrollLeft + view.clientWidth) view.scrollLeft = nx - view.clientWidth / 2;
        if (ny < view.scrollTop || ny + NODE_HEIGHT > view.scrollTop + view.clientHeight) view.scrollTop = ny - view.clientHeight / 2;
        render();
      },
      drawn: () => drawnNodes,
    };
  }

  function fact(list, name, value) {
    list.append(el('dt', null, name), el('dd', null, value));
  }

  function runLinks(title, indexes) {
    const box = el('div');
    box.appendChild(el('h3', null, title + ' (' + indexes.length + ')'));
    const list = el('ol');
    for (const index of indexes.slice(0, 50)) {
      const item = el('li');
      const link = el('a', null, runs[index].n);
      link.href = '#';
      link.dataset.run = index;
      item.append(link, el('span', 'tag', stateOf(runs[index])));
      list.appendChild(item);
    }
    if (indexes.length > 50) list.appendChild(el('li', 'hint', '\u2026 and ' + (indexes.length - 50) + ' more'));
    box.appendChild(list);
    return box;
  }

  function attemptList(run, starts) {
    const box = el('div');
    box.appendChild(el('h3', null, starts.length ? 'Attempts (' + starts.length + ')' : 'Failures'));
    const list = el('ol');
    list.className = 'attempts';
    const failures = run.x || [];
    for (let k = 0; k < starts.length; k++) {
      const item = el('li', null, 'started ' + time(starts[k]));
      for (const failure of failures) {
        if (failure.a === k + 1) item.appendChild(failureBlock(failure));
      }
      list.appendChild(item);
    }
    box.appendChild(list);
    for (const failure of failures) {
      if (failure.a === 0 || failure.a > starts.length) {
        box.appendChild(el('div', 'hint', failure.a === 0 ? 'outside any attempt:' : 'attempt ' + failure.a + ':'));
        box.appendChild(failureBlock(failure));
      }
    }
    return box;
  }

  function failureBlock(failure) {
    const block = el('pre', 'failure', 'failed ' + time(failure.t) + '\n' + failureText(failure));
    if (failure.st && failure.st.length) block.textContent += '\n    ' + failure.st.join('\n    ');
    return block;
  }

  function details(index) {
    const run = runs[index];
    const aside = document.getElementById('details');
    const parts = [];
    const heading = el('h2', null, run.n + ' ');
    heading.appendChild(el('span', 'state s-' + stateOf(run), stateOf(run)));
    parts.push(heading);
    const facts = el('dl');
    const subflow = run.sf !== undefined ? flows[run.sf] : null;
    fact(facts, 'kind', subflow ? 'subflow run' : 'task run');
    fact(facts, subflow ? 'flow' : 'task', run.t);
    fact(facts, 'in flow run', flows[run.f].name);
    fact(facts, 'id', run.i);
    if (subflow) fact(facts, 'created', time(subflow.created));
    fact(facts, 'started', run.b === undefined ? 'never' : time(run.b));
    fact(facts, 'ended', run.e === undefined ? 'not ended' : time(run.e));
    fact(facts, 'duration', run.b === undefined || run.e === undefined ? '\u2014' : duration(run.e - run.b));
    if (run.c !== undefined) fact(facts, 'created', time(run.c));
    if (run.c !== undefined && run.b !== undefined) {
      fact(facts, 'queued', duration(Math.max(run.b - run.c, 0)) + ', from its creation to its start');
    }
    const ready = readyAt(index);
    if (ready !== undefined && run.b !== undefined) {
      fact(facts, 'waited', duration(Math.max(run.b - ready, 0)) + ' after its last upstream run ended');
    }
    if (!subflow) {
      fact(facts, 'cache hit', stateOf(run) === 'CACHED' ? 'yes: its value came from the cache' : 'no');
      fact(facts, 'result', run.r !== undefined ? run.r : 'not persisted');
      if (run.art !== undefined) fact(facts, 'artifact', run.art);
      if (run.g) fact(facts, 'tags', run.g.join(', '));
    } else {
      fact(facts, 'attempts', subflow.attempts);
      for (const name in subflow.params) fact(facts, 'parameter ' + name, subflow.params[name]);
    }
    parts.push(facts);
    if (run.err !== undefined) parts.push(el('pre', 'error', run.err));
    if (subflow) {
      if (subflow.x) parts.push(attemptList({x: subflow.x}, []));
    } else if (run.a || run.x) {
      parts.push(attemptList(run, run.a || []));
    } else {
      parts.push(el('p', 'hint', 'No attempt started.'));
    }
    if (upstream[index].length) parts.push(runLinks('Upstream runs', upstream[index]));
    if (downstream[index].length) parts.push(runLinks('Downstream runs', downstream[index]));
    aside.replaceChildren(...parts);
  }

  let views = [];

  function select(index) {
    if (!(index >= 0 && index < runs.length)) return;
    selected = index;
    window.rivuletReport.selected = index;
    details(index);
    for (const view of views) view.reveal(index);
  }

  document.addEventListener('click', (event) => {
    const target = event.target.closest('[data-run]');
    if (!target) return;
    event.preventDefault();
    select(Number(target.dataset.run));
  });

  window.rivuletReport = {
    taskRuns: data.taskRuns,
    taskRunsCounted: data.taskRunsCounted,
    nodes: runs.length,
    edges: edgeCount,
    flows: flows.length,
    edgesLeftOut: data.edgesLeftOut,
    selected: -1,
    select,
    drawn: () => ({timeline: views[0].drawn(), graph: views[1].drawn(), table: views[2].drawn()}),
  };
  timelineAxis();
  tableHead();
  views = [
    rowView(document.getElementById('timeline-view'), 20, timelineRow),
    graphView(document.getElementById('graph-view')),
    rowView(document.getElementById('table-view'), 24, tableRow),
  ];
})();
