// Runs once, when the mongo container initialises an empty volume: PeerPath's own user, with readWrite on its
// database only (the root user stays for the operator).
db.getSiblingDB('peerpath').createUser({
  user: 'peerpath',
  pwd: process.env.PEERPATH_DB_PASSWORD,
  roles: [{ role: 'readWrite', db: 'peerpath' }],
});
