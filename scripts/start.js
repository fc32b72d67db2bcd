// `npm start`: the desktop app is not built yet; say so plainly and point at what works today.
console.log(
  'Flowmap: the app window arrives with the app shell (issue #4). Today the engine and the command line work:\n' +
    '  npx vsm metrics assets/examples/feature-delivery-current.json\n' +
    '  npx vsm --help',
);
