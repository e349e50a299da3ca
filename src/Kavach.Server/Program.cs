using Kavach.Server;

var app = KavachServer.Build(args);
await app.RunAsync();
