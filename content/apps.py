from django.apps import AppConfig


class ContentConfig(AppConfig):
    """The handbook as files: the demo content (content/demo/), and the export and import of the
    published handbook in the same format. It has no models, so no name is shown for it.

    It sits above methods, companies and accounts and may import them; nothing imports it.
    """

    name = "content"
