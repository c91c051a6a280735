from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import ModelForm

from .models import Topic


class TopicForm(ModelForm):
    class Meta:
        model = Topic
        fields = ["title", "slug", "summary", "body"]
        help_texts = {
            "slug": _(
                "Part of the web address, e.g. “open-data”. Leave empty to derive it from "
                "the title."
            ),
            "body": _("Markdown is supported: ## heading, **bold**, - list, [link](https://…)."),
        }
        error_messages = {
            "title": {"unique": _("A topic with this title already exists.")},
            "slug": {"unique": _("A topic with this web address already exists.")},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["body"].widget.attrs["rows"] = 12
