/*
 * PeerPath's GraphiQL page (demo mode only). Pick a demo login: the page asks /auth/demo-token for a token and
 * starts GraphiQL with the header "Authorization: Bearer <token>" filled in, so the schema loads and queries
 * run as that person. Everything (GraphiQL, React, this script) is served by PeerPath; the page talks only to
 * /auth/demo-token and /graphql on the same origin. The token is kept in memory only, never in storage.
 */
(function () {
  'use strict';

  var DEFAULT_QUERY = [
    '# Runs as the login picked above (its token is in Headers).',
    '# Ctrl-Enter runs it; the book icon opens the docs.',
    'query Me {',
    '  me {',
    '    id',
    '    kind',
    '    role',
    '    displayName',
    '  }',
    '}',
    ''
  ].join('\n');

  var picker = document.getElementById('login');
  var status = document.getElementById('status');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var signIns = 0;

  function say(text, failed) {
    status.textContent = text;
    status.className = failed ? 'peerpath-error' : '';
  }

  function signIn(login) {
    var attempt = ++signIns;
    say('Signing in as ' + login + '…');
    return fetch('/auth/demo-token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: login })
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('the demo sign-in answered HTTP ' + response.status);
      }
      return response.json();
    }).then(function (answer) {
      if (attempt !== signIns) {
        return; // another login was picked meanwhile
      }
      var headers = JSON.stringify({ Authorization: 'Bearer ' + answer.token }, null, 2);
      // A new key starts GraphiQL afresh, so the schema is read again with the new header.
      root.render(React.createElement(GraphiQL, {
        key: login + '#' + attempt,
        fetcher: fetcher,
        headers: headers,
        shouldPersistHeaders: false,
        defaultQuery: DEFAULT_QUERY,
        defaultEditorToolsVisibility: 'headers'
      }));
      say('Signed in as ' + login + ' (the token lasts 12 hours; pick again for a new one).');
      history.replaceState(null, '', '?login=' + encodeURIComponent(login));
    }).catch(function (failure) {
      say('Could not sign in as ' + login + ': ' + failure.message, true);
    });
  }

  var asked = new URLSearchParams(window.location.search).get('login');
  var known = Array.prototype.some.call(picker.options, function (option) { return option.value === asked; });
  if (known) {
    picker.value = asked;
  }
  picker.addEventListener('change', function () { signIn(picker.value); });
  signIn(picker.value);
}());
