using Hotline.Bot;

BotApp.Build(args).Run();
