<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
    <message>
        <source>Vanishing: sigmoid · 20 layers · uniform</source>
        <translation>Disparition : sigmoïde · 20 couches · uniforme</translation>
    </message>
    <message>
        <source>Sigmoid · 20 layers · Xavier</source>
        <translation>Sigmoïde · 20 couches · Xavier</translation>
    </message>
    <message>
        <source>Flat: ReLU · 20 layers · He</source>
        <translation>Plat : ReLU · 20 couches · He</translation>
    </message>
    <message>
        <source>ReLU · 20 layers · uniform</source>
        <translation>ReLU · 20 couches · uniforme</translation>
    </message>
    <message>
        <source>ReLU vs tanh</source>
        <translation>ReLU contre tanh</translation>
    </message>
    <message>
        <source>Sigmoid vs ReLU</source>
        <translation>Sigmoïde contre ReLU</translation>
    </message>
    <message>
        <source>ReLU, Leaky, ELU, tanh</source>
        <translation>ReLU, Leaky, ELU, tanh</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>uniforme</translation>
    </message>
    <message>
        <source>xavier</source>
        <translation>de Xavier</translation>
    </message>
    <message>
        <source>he</source>
        <translation>de He</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Explorer:&lt;/b&gt; tick activations to compare f and f′. The shaded bands are where the highlighted one saturates: there |f′| is tiny and almost no gradient flows back.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Gradient flow:&lt;/b&gt; each bar is one layer&apos;s gradient, input side on the left, on a log scale. Try &lt;i&gt;Vanishing&lt;/i&gt;: sigmoid&apos;s f′ is at most ¼, so every layer shrinks the gradient and the first layers of a 20-layer net get almost nothing. Then &lt;i&gt;Flat&lt;/i&gt;: ReLU with He initialisation keeps it level. Press Play to watch it while training.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Race:&lt;/b&gt; identical networks (same seed, same weights, same batches) that differ only in the activation. The lecture says ReLU converges 5 to 10 times faster than sigmoid or tanh; the race shows what this setting gives.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Cost:&lt;/b&gt; press Measure to time a million evaluations of each activation here.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Explorateur :&lt;/b&gt; cochez des fonctions d&apos;activation pour comparer f et f′. Les bandes ombrées montrent où celle qui est surlignée sature : là, |f′| est minuscule et presque aucun gradient ne remonte (un neurone saturé annule les gradients).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Flux du gradient :&lt;/b&gt; chaque barre est le gradient d&apos;une couche, côté entrée à gauche, en échelle logarithmique. Essayez &lt;i&gt;Disparition&lt;/i&gt; : la dérivée de la sigmoïde vaut au plus ¼, donc chaque couche réduit le gradient et les premières couches d&apos;un réseau de 20 couches ne reçoivent presque rien (disparition du gradient). Puis &lt;i&gt;Plat&lt;/i&gt; : ReLU avec l&apos;initialisation de He le garde au même niveau. Appuyez sur Lecture pour le suivre pendant l&apos;entraînement.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Course :&lt;/b&gt; des réseaux identiques (même graine, mêmes poids, mêmes lots) qui ne diffèrent que par la fonction d&apos;activation. Le cours dit que ReLU permet une convergence 5 à 10 fois plus rapide que sigmoid et tanh ; la course montre ce que donne ce réglage.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Coût :&lt;/b&gt; appuyez sur Mesurer pour chronométrer ici un million d&apos;évaluations de chaque fonction d&apos;activation.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>Explorateur</translation>
    </message>
    <message>
        <source>Gradient flow</source>
        <translation>Flux du gradient</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>Gradient norm per layer (dashed: at initialisation)</source>
        <translation>Norme du gradient par couche (tirets : au départ)</translation>
    </message>
    <message>
        <source>layer (input side → output side)</source>
        <translation>couche (côté entrée → côté sortie)</translation>
    </message>
    <message>
        <source>Dead units and saturated activations per layer</source>
        <translation>Neurones morts et saturés par couche</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>couche</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>proportion</translation>
    </message>
    <message>
        <source>dead units (f′ = 0 on every point)</source>
        <translation>morts (f′ = 0 partout)</translation>
    </message>
    <message>
        <source>saturated (|f′| &amp;lt; 0.05)</source>
        <translation>saturés (|f′| &amp;lt; 0.05)</translation>
    </message>
    <message>
        <source>Gradient norm over training (log₁₀)</source>
        <translation>Norme du gradient par époque (log₁₀)</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>époque</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>Perte d&apos;entraînement</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>perte</translation>
    </message>
    <message>
        <source>Gradient norm per layer: {activation}, {n} layers, {init} init, epoch {epoch} (dashed: at initialisation)</source>
        <translation>Norme du gradient par couche : {activation}, {n} couches, init. {init}, époque {epoch} (tirets : au départ)</translation>
    </message>
    <message>
        <source>a gradient &lt;b&gt;overflows&lt;/b&gt; (too large to count): the training has diverged.</source>
        <translation>un gradient &lt;b&gt;déborde&lt;/b&gt; (trop grand pour être compté) : l&apos;entraînement a divergé.</translation>
    </message>
    <message>
        <source>the gradient &lt;b&gt;vanishes&lt;/b&gt;: {orders} orders of magnitude lost</source>
        <translation>le gradient &lt;b&gt;disparaît&lt;/b&gt; : {orders} ordres de grandeur perdus</translation>
    </message>
    <message>
        <source>the gradient &lt;b&gt;shrinks&lt;/b&gt; toward the input: {orders} orders of magnitude lost</source>
        <translation>le gradient &lt;b&gt;diminue&lt;/b&gt; vers l&apos;entrée : {orders} ordres de grandeur perdus</translation>
    </message>
    <message>
        <source>the gradient &lt;b&gt;grows&lt;/b&gt; toward the input: {orders} orders of magnitude gained</source>
        <translation>le gradient &lt;b&gt;croît&lt;/b&gt; vers l&apos;entrée : {orders} ordres de grandeur gagnés</translation>
    </message>
    <message>
        <source>the gradient stays &lt;b&gt;level&lt;/b&gt; (within a factor of 10)</source>
        <translation>le gradient reste &lt;b&gt;au même niveau&lt;/b&gt; (à un facteur 10 près)</translation>
    </message>
    <message>
        <source>first layer / last layer = {ratio}: {verdict} across {n} layers.</source>
        <translation>première couche / dernière couche = {ratio} : {verdict} sur {n} couches.</translation>
    </message>
    <message>
        <source>the first layer gets &lt;b&gt;no gradient at all&lt;/b&gt; (a dead layer blocks it).</source>
        <translation>la première couche ne reçoit &lt;b&gt;aucun gradient&lt;/b&gt; (une couche morte le bloque).</translation>
    </message>
    <message>
        <source>Dead units: up to {fraction} of a layer.</source>
        <translation>Neurones morts : jusqu&apos;à {fraction} d&apos;une couche.</translation>
    </message>
    <message>
        <source>Mean unit output {mean}.</source>
        <translation>Sortie moyenne des neurones {mean}.</translation>
    </message>
    <message>
        <source>Learned PReLU slopes: {slopes} (started at 0.25).</source>
        <translation>Pentes PReLU apprises : {slopes} (au départ 0.25).</translation>
    </message>
    <message>
        <source>&lt;b&gt;{activation}&lt;/b&gt;, {init} init, epoch {epoch}: {verdict}</source>
        <translation>&lt;b&gt;{activation}&lt;/b&gt;, initialisation {init}, époque {epoch} : {verdict}</translation>
    </message>
    <message>
        <source>Race: training loss per epoch (log scale)</source>
        <translation>Course : perte d&apos;entraînement par époque (échelle logarithmique)</translation>
    </message>
    <message>
        <source>target {value}</source>
        <translation>cible {value}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Speed-up {speedup}x&lt;/b&gt; (the lecture says ReLU is about 5 to 10 times faster than sigmoid or tanh).</source>
        <translation>&lt;b&gt;Accélération {speedup}x&lt;/b&gt; (le cours dit que ReLU converge environ 5 à 10 fois plus vite que sigmoid et tanh).</translation>
    </message>
    <message>
        <source>Epoch {epoch}. {summary}</source>
        <translation>Époque {epoch}. {summary}</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Mesurer</translation>
    </message>
    <message>
        <source>Time one million evaluations of each activation in the training worker, on the current device (a few seconds; training pauses).</source>
        <translation>Chronométrer un million d&apos;évaluations de chaque fonction d&apos;activation dans le processus d&apos;entraînement, sur le matériel choisi (quelques secondes ; l&apos;entraînement se met en pause).</translation>
    </message>
    <message>
        <source>Not measured yet: press Measure.</source>
        <translation>Pas encore mesuré : appuyez sur Mesurer.</translation>
    </message>
    <message>
        <source>Forward (ms / million)</source>
        <translation>Avant (ms/million)</translation>
    </message>
    <message>
        <source>Forward + backward</source>
        <translation>Avant + arrière</translation>
    </message>
    <message>
        <source>numpy forward</source>
        <translation>numpy (avant)</translation>
    </message>
    <message>
        <source>Activation</source>
        <comment>cost table column</comment>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>× ReLU</source>
        <translation>× ReLU</translation>
    </message>
    <message>
        <source>Forward time per million evaluations</source>
        <translation>Durée de la passe avant par million d&apos;évaluations</translation>
    </message>
    <message>
        <source>ms (log scale)</source>
        <translation>ms (échelle log)</translation>
    </message>
    <message>
        <source>No training worker here (headless): use the window.</source>
        <translation>Pas de processus d&apos;entraînement ici (sans fenêtre) : utilisez la fenêtre.</translation>
    </message>
    <message>
        <source>Measuring in the training worker…</source>
        <translation>Mesure en cours dans le processus d&apos;entraînement…</translation>
    </message>
    <message>
        <source>Measured on &lt;b&gt;{device}&lt;/b&gt; ({threads} torch thread(s)), {n} float32 values, best of {repeats}. Sigmoid: {sigmoid}x ReLU&apos;s time; slowest forward: {slowest} ({relative}x). Linear costs nothing: torch returns its input.</source>
        <translation>Mesuré sur &lt;b&gt;{device}&lt;/b&gt; ({threads} fil(s) torch), {n} valeurs float32, meilleur de {repeats} essais. Sigmoïde : {sigmoid}x le temps de ReLU ; passe avant la plus lente : {slowest} ({relative}x). Linéaire ne coûte rien : torch renvoie son entrée.</translation>
    </message>
    <message>
        <source>Gradient flow: {activation}</source>
        <translation>Flux du gradient : {activation}</translation>
    </message>
    <message>
        <source>Race: {racers}</source>
        <translation>Course : {racers}</translation>
    </message>
    <message>
        <source> vs </source>
        <comment>racers</comment>
        <translation> contre </translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Epoch {epoch}&lt;/b&gt;, loss {loss}&lt;/p&gt;&lt;p&gt;{what}&lt;/p&gt;&lt;p&gt;{engine}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Époque {epoch}&lt;/b&gt;, perte {loss}&lt;/p&gt;&lt;p&gt;{what}&lt;/p&gt;&lt;p&gt;{engine}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Epoch {epoch}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{what}&lt;/p&gt;&lt;p&gt;{engine}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Époque {epoch}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{what}&lt;/p&gt;&lt;p&gt;{engine}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>{label}  (beyond the lecture)</source>
        <translation>{label}  (hors du cours)</translation>
    </message>
    <message>
        <source>Tick the activations to plot; the highlighted one gets the shading, the formula and the pros and cons.</source>
        <translation>Cochez les fonctions d&apos;activation à tracer ; celle qui est surlignée reçoit l&apos;ombrage, la formule, les avantages et les inconvénients.</translation>
    </message>
    <message>
        <source>Leaky slope a</source>
        <translation>Pente Leaky a</translation>
    </message>
    <message>
        <source>ELU α</source>
        <translation>ELU α</translation>
    </message>
    <message>
        <source>Maxout pieces k</source>
        <translation>Morceaux Maxout k</translation>
    </message>
    <message>
        <source>x range ±</source>
        <translation>intervalle de x ±</translation>
    </message>
    <message>
        <source>saturated if |f′| &lt;</source>
        <translation>saturée si |f′| &lt;</translation>
    </message>
    <message>
        <source>log scale for |f′|</source>
        <translation>échelle logarithmique pour |f′|</translation>
    </message>
    <message>
        <source>Shows how fast the derivative dies in the tails (sigmoid: like e^−|x|).</source>
        <translation>Montre à quelle vitesse la dérivée s&apos;éteint dans les queues (sigmoïde : comme e^−|x|).</translation>
    </message>
    <message>
        <source>The language of the formula panel: its words, the pros and cons, the lecture&apos;s advice.</source>
        <translation>La langue du panneau des formules : ses mots, les avantages et inconvénients, le conseil du cours.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Activations&lt;/b&gt;</source>
        <translation>&lt;b&gt;Fonctions d&apos;activation&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Notes in</source>
        <translation>Notes en</translation>
    </message>
</context>
</TS>
