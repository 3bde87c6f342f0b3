namespace Hotline.Testing;
