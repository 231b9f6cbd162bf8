// waitFor/findBy give up after 1 s by default; on a loaded 2-core machine (CI, parallel work) a first render of a
// Grafana component can take longer. The tests wait for a result, never assert how long it took.
const { configure } = require('@testing-library/react');

configure({ asyncUtilTimeout: 5000 });
